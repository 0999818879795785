package crossing

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"

	"github.com/parity-sec/parity/collectors/snapshot"
)

// randomPair generates a small staging/production pair dense in the
// shapes the tracer's shortcuts must get right: trusts naming roots, bare
// account ids, single principals of either account (existing or not), "*",
// NotPrincipal, Deny statements, a Resource element, aws:PrincipalArn and
// aws:PrincipalAccount conditions; identity policies allowing
// sts:AssumeRole through wildcards, NotAction and boundaries; federated
// trusts with overlapping subjects; and resource policies and grants naming
// the other account. Snapshottest's pairs rarely cross; these mostly do.
func randomPair(seed uint64) (*snapshot.Snapshot, *snapshot.Snapshot) {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	st := &snapshot.Snapshot{SchemaVersion: 1, Environment: "staging", AccountID: stAcct, Regions: []string{"us-east-1"}}
	pr := &snapshot.Snapshot{SchemaVersion: 1, Environment: "production", AccountID: prAcct, Regions: []string{"us-east-1"}}
	g := &rgen{r: r, nRoles: 4 + r.IntN(10), nUsers: 1 + r.IntN(4)}
	g.env(st, stAcct, prAcct, "staging")
	g.env(pr, prAcct, stAcct, "production")
	return st, pr
}

type rgen struct {
	r              *rand.Rand
	nRoles, nUsers int
}

func (g *rgen) pick(xs ...string) string { return xs[g.r.IntN(len(xs))] }

// name is principal i's name in env: shared names pair across the
// environments, suffixed ones pair through the ${env} token.
func (g *rgen) name(kind string, i int, env string) string {
	if i%3 == 0 {
		return fmt.Sprintf("%s%d", kind, i)
	}
	return fmt.Sprintf("%s%d-%s", kind, i, env)
}

func (g *rgen) principalARN(acct, env string) string {
	if g.r.IntN(3) == 0 {
		return "arn:aws:iam::" + acct + ":user/" + g.name("u", g.r.IntN(g.nUsers+1), env)
	}
	return "arn:aws:iam::" + acct + ":role/" + g.name("r", g.r.IntN(g.nRoles+1), env)
}

// awsPrincipal is one AWS principal a policy of acct's account may name.
func (g *rgen) awsPrincipal(acct, peer, env, peerEnv string) string {
	switch g.r.IntN(9) {
	case 0:
		return "arn:aws:iam::" + acct + ":root"
	case 1:
		return "arn:aws:iam::" + peer + ":root"
	case 2:
		return g.pick(acct, peer)
	case 3:
		return "*"
	case 4:
		return "arn:aws:iam::333333333333:root"
	case 5, 6:
		return g.principalARN(acct, env)
	}
	return g.principalARN(peer, peerEnv)
}

func (g *rgen) condition(acct, peer, env, peerEnv string) map[string]any {
	switch g.r.IntN(8) {
	case 0:
		return map[string]any{"StringLike": map[string]any{"aws:PrincipalArn": "arn:aws:iam::" + g.pick(acct, peer) + ":role/r" + g.pick("1", "2", "") + "*"}}
	case 1:
		return map[string]any{"StringEquals": map[string]any{"aws:PrincipalAccount": g.pick(acct, peer)}}
	case 2:
		return map[string]any{"Bool": map[string]any{"aws:MultiFactorAuthPresent": "true"}}
	case 3:
		return map[string]any{"ArnEquals": map[string]any{"aws:PrincipalArn": g.principalARN(g.pick(acct, peer), g.pick(env, peerEnv))}}
	}
	return nil
}

func (g *rgen) trust(acct, peer, env, peerEnv string) []map[string]any {
	var out []map[string]any
	for n := 1 + g.r.IntN(3); n > 0; n-- {
		s := map[string]any{"Effect": "Allow", "Action": g.pick("sts:AssumeRole", "sts:AssumeRole", "sts:*", "*", "sts:TagSession")}
		if g.r.IntN(8) == 0 {
			s["Effect"] = "Deny"
		}
		var prs []string
		for k := 1 + g.r.IntN(2); k > 0; k-- {
			prs = append(prs, g.awsPrincipal(acct, peer, env, peerEnv))
		}
		switch g.r.IntN(12) {
		case 0:
			s["Principal"] = map[string]any{"Service": "lambda.amazonaws.com"}
		case 1:
			s["NotPrincipal"] = map[string]any{"AWS": prs}
		case 2:
			s["Principal"] = "*"
		default:
			s["Principal"] = map[string]any{"AWS": prs}
		}
		if g.r.IntN(10) == 0 {
			s["Resource"] = g.pick("*", "arn:aws:iam::"+acct+":role/"+g.name("r", g.r.IntN(g.nRoles), env))
		}
		if c := g.condition(acct, peer, env, peerEnv); c != nil {
			s["Condition"] = c
		}
		out = append(out, s)
	}
	if g.r.IntN(4) == 0 {
		cond := map[string]any{"StringEquals": map[string]any{"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}
		if sub := g.pick("repo:org/app:*", "repo:org/*", "repo:org/app:ref:main", "repo:org/web:?", ""); sub != "" {
			cond[g.pick("StringLike", "StringEquals")] = map[string]any{"token.actions.githubusercontent.com:sub": sub}
		}
		out = append(out, map[string]any{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", "Condition": cond,
			"Principal": map[string]any{"Federated": "arn:aws:iam::" + acct + ":oidc-provider/token.actions.githubusercontent.com"}})
	}
	return out
}

func (g *rgen) permissions(acct, peer, env, peerEnv string) []map[string]any {
	var out []map[string]any
	for n := 1 + g.r.IntN(3); n > 0; n-- {
		s := map[string]any{"Effect": "Allow"}
		if g.r.IntN(8) == 0 {
			s["Effect"] = "Deny"
		}
		if g.r.IntN(10) == 0 {
			s["NotAction"] = g.pick("s3:*", "sts:AssumeRole")
		} else {
			s["Action"] = g.pick("sts:AssumeRole", "sts:*", "*", "s3:GetObject", "sts:Assume*", "STS:AssumeRole", "iam:PassRole", "sts:AssumeRole?")
		}
		switch g.r.IntN(5) {
		case 0:
			s["Resource"] = "*"
		case 1:
			s["Resource"] = "arn:aws:iam::" + g.pick(acct, peer, "*") + ":role/" + g.pick("*", "r1*", "r?-"+g.pick(env, peerEnv))
		case 2:
			s["Resource"] = "arn:aws:iam::" + acct + ":role/" + g.name("r", g.r.IntN(g.nRoles), env)
		default:
			s["Resource"] = "arn:aws:iam::" + peer + ":role/" + g.name("r", g.r.IntN(g.nRoles), peerEnv)
		}
		out = append(out, s)
	}
	return out
}

func doc2(stmts []map[string]any) snapshot.Document {
	b, err := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": stmts})
	if err != nil {
		panic(err)
	}
	return snapshot.Document(b)
}

func (g *rgen) env(s *snapshot.Snapshot, acct, peer, env string) {
	peerEnv := map[string]string{"staging": "production", "production": "staging"}[env]
	boundary := "arn:aws:iam::" + acct + ":policy/boundary"
	s.Identity.Policies = []snapshot.ManagedPolicy{{Name: "boundary", ARN: boundary,
		Document: doc2([]map[string]any{{"Effect": "Allow", "Action": g.pick("sts:AssumeRole", "s3:*", "*"), "Resource": "*"}})}}
	s.Identity.OIDCProviders = []snapshot.OIDCProvider{{ARN: "arn:aws:iam::" + acct + ":oidc-provider/token.actions.githubusercontent.com",
		URL: "https://token.actions.githubusercontent.com"}}
	for i := 0; i < g.nRoles; i++ {
		if g.r.IntN(6) == 0 {
			continue // one-sided
		}
		n := g.name("r", i, env)
		role := snapshot.Role{Name: n, ARN: "arn:aws:iam::" + acct + ":role/" + n, TrustPolicy: doc2(g.trust(acct, peer, env, peerEnv)),
			InlinePolicies: []snapshot.InlinePolicy{{Name: "p", Document: doc2(g.permissions(acct, peer, env, peerEnv))}}}
		if g.r.IntN(5) == 0 {
			role.PermissionsBoundary = boundary
		}
		s.Identity.Roles = append(s.Identity.Roles, role)
	}
	for i := 0; i < g.nUsers; i++ {
		if g.r.IntN(5) == 0 {
			continue
		}
		n := g.name("u", i, env)
		s.Identity.Users = append(s.Identity.Users, snapshot.User{Name: n, ARN: "arn:aws:iam::" + acct + ":user/" + n,
			InlinePolicies: []snapshot.InlinePolicy{{Name: "p", Document: doc2(g.permissions(acct, peer, env, peerEnv))}}})
	}
	resPolicy := func(action string) snapshot.Document {
		st := map[string]any{"Effect": "Allow", "Action": action, "Resource": "*"}
		switch g.r.IntN(4) {
		case 0:
			st["Principal"] = map[string]any{"Service": "logs.amazonaws.com"}
			st["Condition"] = map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": g.pick(acct, peer)}}
		case 1:
			st["Principal"] = "*"
			st["Condition"] = map[string]any{"StringEquals": map[string]any{g.pick("aws:PrincipalAccount", "aws:PrincipalOrgID", "kms:CallerAccount"): g.pick(acct, peer, "o-abc")}}
		default:
			st["Principal"] = map[string]any{"AWS": g.awsPrincipal(acct, peer, env, peerEnv)}
		}
		return doc2([]map[string]any{st})
	}
	for i := 0; i < 3; i++ {
		n := g.name("s", i, env)
		s.Secrets.Secrets = append(s.Secrets.Secrets, snapshot.Secret{Name: n, Region: "us-east-1",
			ARN: "arn:aws:secretsmanager:us-east-1:" + acct + ":secret:" + n + "-AbCdEf", ResourcePolicy: resPolicy(g.pick("secretsmanager:GetSecretValue", "secretsmanager:*"))})
		k := fmt.Sprintf("k%d", i)
		key := snapshot.KMSKey{KeyID: k, ARN: "arn:aws:kms:us-east-1:" + acct + ":key/" + k, Region: "us-east-1", Aliases: []string{"alias/" + g.name("k", i, env)},
			KeyManager: "CUSTOMER", Policy: resPolicy(g.pick("kms:Decrypt", "kms:*"))}
		if g.r.IntN(3) == 0 {
			key.Grants = []snapshot.KMSGrant{{GrantID: "g", GranteePrincipal: g.awsPrincipal(acct, peer, env, peerEnv), Operations: []string{"Decrypt", "Encrypt"}}}
		}
		s.Secrets.KMSKeys = append(s.Secrets.KMSKeys, key)
	}
	s.Logging.Destinations = []snapshot.LogDestination{{Name: g.name("d", 0, env), Region: "us-east-1",
		ARN: "arn:aws:logs:us-east-1:" + acct + ":destination:" + g.name("d", 0, env), AccessPolicy: resPolicy("logs:PutSubscriptionFilter")}}
	s.Logging.Buckets = []snapshot.Bucket{{Name: g.name("b", 1, env), Policy: resPolicy(g.pick("s3:GetObject", "s3:*"))}}
	// Sinks and keys of either account, by ARN or bucket name.
	sink := func(service, what string) string {
		return "arn:aws:" + service + ":us-east-1:" + g.pick(acct, peer) + ":" + what
	}
	s.Logging.LogGroups = []snapshot.LogGroup{{Name: g.name("lg", 0, env), Region: "us-east-1", KMSKeyID: sink("kms", "key/k0"),
		SubscriptionFilters: []snapshot.SubscriptionFilter{{Name: "f", DestinationARN: sink("logs", "destination:"+g.name("d", 0, g.pick(env, peerEnv)))}}}}
	s.Logging.Trails = []snapshot.Trail{{Name: g.name("t", 0, env), ARN: sink("cloudtrail", "trail/"+g.name("t", 0, env)), HomeRegion: "us-east-1",
		S3Bucket: g.name("b", 1, g.pick(env, peerEnv)), CloudWatchLogGroup: sink("logs", "log-group:"+g.name("lg", 0, env)+":*")}}
	s.Secrets.Secrets[0].KMSKeyID = sink("kms", "key/k1")
}
