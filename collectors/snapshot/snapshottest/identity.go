package snapshottest

import (
	"fmt"

	"github.com/parity-sec/parity/collectors/snapshot"
)

var (
	trustServices = []string{"ecs-tasks.amazonaws.com", "lambda.amazonaws.com", "ec2.amazonaws.com"}
	maxSessions   = []int{3600, 3600, 3600, 7200, 14400}
)

const oidcHost = "token.actions.githubusercontent.com"

func (g *gen) identity(s *snapshot.Snapshot, e env) {
	id := &s.Identity
	for j := 0; j < g.counts[kPolicy]; j++ {
		id.Policies = append(id.Policies, g.policy(j, e))
	}
	for j := 0; j < g.counts[kRole]; j++ {
		id.Roles = append(id.Roles, g.role(j, e))
	}
	for j := 0; j < g.counts[kUser]; j++ {
		if u, ok := g.user(j, e); ok {
			id.Users = append(id.Users, u)
		}
	}
	for j := 0; j < g.counts[kGroup]; j++ {
		id.Groups = append(id.Groups, g.group(j, e))
	}
	for j := 0; j < g.counts[kInstanceProfile]; j++ {
		_, v := g.stream(kInstanceProfile, j, 1)
		if v.drift && e.name == ProductionEnv {
			continue // a leftover profile only in staging
		}
		role := named(kRole, j, e)
		id.InstanceProfiles = append(id.InstanceProfiles, snapshot.InstanceProfile{
			Name: role, ARN: "arn:aws:iam::" + e.account + ":instance-profile/" + role, Roles: []string{role},
		})
	}
	if g.counts[kOIDC] > 0 {
		id.OIDCProviders = []snapshot.OIDCProvider{{
			ARN: "arn:aws:iam::" + e.account + ":oidc-provider/" + oidcHost, URL: "https://" + oidcHost,
			ClientIDs: []string{"sts.amazonaws.com"}, Thumbprints: []string{"6938fd4d98bab03faadb97b34396831e3780aea1"},
		}}
	}
}

// policyName: policy 0 is the shared permissions boundary; most managed
// policies have the same name in both accounts, some carry the env token.
func policyName(j int, e env) string {
	switch {
	case j == 0:
		return "workload-boundary"
	case mix(uint64(j))%10 < 3:
		return named(kPolicy, j, e)
	default:
		return base(kPolicy, j) + "-access"
	}
}

func policyARN(j int, e env) string {
	return "arn:aws:iam::" + e.account + ":policy/" + policyName(j, e)
}

var widen = stmt{Sid: "Everything", Effect: "Allow", Actions: []string{"*"}, Resources: []string{"*"}}

func (g *gen) policy(j int, e env) snapshot.ManagedPolicy {
	r, v := g.stream(kPolicy, j, 1)
	stem := base(kPolicy, j)
	var stmts []stmt
	for i := 1 + r.IntN(4); i > 0; i-- {
		stmts = append(stmts, permStmt(r, stem, e))
	}
	if j == 0 {
		stmts = append(stmts, stmt{Sid: "NoIdentityChanges", Effect: "Deny", Actions: []string{"iam:*", "organizations:*"}, Resources: []string{"*"}})
	}
	if v.drift && e.name == StagingEnv {
		stmts = append(stmts, stmt{Effect: "Allow", Actions: []string{"s3:*"}, Resources: []string{"*"}})
	}
	return snapshot.ManagedPolicy{
		Name: policyName(j, e), ARN: policyARN(j, e), Path: "/", AttachmentCount: 1 + r.IntN(5),
		Document: render(stmts, g.docBits(v, e)),
	}
}

// docBits are the document rewrites production gets for this resource.
func (g *gen) docBits(v variant, e env) uint32 {
	if e.name != ProductionEnv {
		return 0
	}
	return v.rewrite & (rwReorder | rwListify | rwCase | rwSplit | rwBareAccount)
}

// Role drifts, in variant.which order.
const (
	roleWiden = iota
	rolePeerTrust
	roleBoundary
	rolePassRoleStar
	roleExternalID
	roleDrifts
)

func (g *gen) role(j int, e env) snapshot.Role {
	r, v := g.stream(kRole, j, roleDrifts)
	name := named(kRole, j, e)
	drift := func(which int, side string) bool { return v.drift && v.which == which && e.name == side }

	var trust []stmt
	t := r.IntN(100)
	switch {
	case t < 60:
		trust = []stmt{{Effect: "Allow", Principal: map[string]string{"Service": pick(r, trustServices)}, Actions: []string{"sts:AssumeRole"}}}
	case t < 85:
		trust = []stmt{{Effect: "Allow", Principal: map[string]string{"AWS": accountRoot(e.account)}, Actions: []string{"sts:AssumeRole"},
			Condition: map[string]map[string]string{"Bool": {"aws:MultiFactorAuthPresent": "true"}}}}
	case t < 95:
		trust = []stmt{{Sid: "GitHubActions", Effect: "Allow",
			Principal: map[string]string{"Federated": "arn:aws:iam::" + e.account + ":oidc-provider/" + oidcHost},
			Actions:   []string{"sts:AssumeRoleWithWebIdentity"},
			Condition: map[string]map[string]string{"StringEquals": {
				oidcHost + ":aud": "sts.amazonaws.com",
				oidcHost + ":sub": fmt.Sprintf("repo:ledgerly/%s:environment:%s", service(kRole, j), e.name),
			}}}}
	default:
		trust = []stmt{{Effect: "Allow", Principal: map[string]string{"AWS": accountRoot(partnerAccount)}, Actions: []string{"sts:AssumeRole"},
			Condition: map[string]map[string]string{"StringEquals": {"sts:ExternalId": fmt.Sprintf("ldg-%06x", mix(uint64(j))&0xffffff)}}}}
	}

	perms := make([]stmt, 2+r.IntN(4))
	for i := range perms {
		perms[i] = permStmt(r, base(kRole, j), e)
	}
	split := 1 + r.IntN(len(perms)-1) // two inline policies when split < len
	if r.IntN(2) == 0 {
		split = len(perms)
	}
	var attached []string
	if n := g.counts[kPolicy]; n > 1 {
		for i := r.IntN(3); i > 0; i-- {
			attached = append(attached, policyARN(1+r.IntN(n-1), e))
		}
	}
	boundary := ""
	if g.counts[kPolicy] > 0 && r.IntN(10) < 3 {
		boundary = policyARN(0, e)
	}
	maxSession := pick(r, maxSessions)
	created, lastUsed := ts(100+r.IntN(900)), ts(r.IntN(30))

	switch {
	case drift(roleWiden, StagingEnv):
		perms = append(perms, widen)
	case drift(rolePeerTrust, ProductionEnv):
		trust = append(trust, stmt{Sid: "PromoteFromStaging", Effect: "Allow", Principal: map[string]string{"AWS": accountRoot(e.peer)}, Actions: []string{"sts:AssumeRole"}})
	case drift(roleBoundary, StagingEnv) && boundary != "":
		boundary = ""
	case drift(roleBoundary, ProductionEnv) && boundary == "":
		boundary = policyARN(0, e)
	case drift(rolePassRoleStar, StagingEnv):
		// PassRole on any role is the classic escalation path.
		perms = append(perms, stmt{Effect: "Allow", Actions: []string{"iam:PassRole"}, Resources: []string{"*"}})
	case drift(roleExternalID, StagingEnv):
		if trust[0].Principal["AWS"] == accountRoot(partnerAccount) {
			trust[0].Condition = nil
		} else {
			maxSession = 43200
		}
	}

	bits := g.docBits(v, e)
	inline := []snapshot.InlinePolicy{{Name: "access", Document: render(perms[:split], bits)}}
	if split < len(perms) {
		inline = append(inline, snapshot.InlinePolicy{Name: "access-extra", Document: render(perms[split:], bits)})
	}
	return snapshot.Role{
		Name: name, ARN: "arn:aws:iam::" + e.account + ":role/" + name, Path: "/",
		CreatedAt: created, TrustPolicy: render(trust, bits), InlinePolicies: inline,
		AttachedPolicies: attached, PermissionsBoundary: boundary, MaxSessionDuration: maxSession,
		Tags:     map[string]string{"team": pick(r, teams), "environment": e.name},
		LastUsed: lastUsed, LastUsedRegion: Regions[0],
	}
}

// user returns false when drift leaves the user in staging only.
func (g *gen) user(j int, e env) (snapshot.User, bool) {
	r, v := g.stream(kUser, j, 2)
	if v.drift && v.which == 0 && e.name == ProductionEnv {
		return snapshot.User{}, false
	}
	name := named(kUser, j, e)
	if mix(uint64(j)<<3)%2 == 0 {
		name = base(kUser, j) + "-svc" // same name in both, like ci-deployer
	}
	perms := make([]stmt, 1+r.IntN(3))
	for i := range perms {
		perms[i] = permStmt(r, base(kUser, j), e)
	}
	if v.drift && v.which == 1 && e.name == StagingEnv {
		perms = append(perms, widen)
	}
	var groups []string
	if g.counts[kGroup] > 0 && r.IntN(2) == 0 {
		groups = []string{base(kGroup, r.IntN(g.counts[kGroup]))}
	}
	var keys []snapshot.AccessKey
	for i := 1 + r.IntN(2); i > 0; i-- {
		age := 10 + r.IntN(1500)
		keys = append(keys, snapshot.AccessKey{
			IDSuffix: fmt.Sprintf("%04X", mix(uint64(j)<<4^uint64(i)^e.salt)&0xffff), Status: "Active",
			CreatedAt: ts(age), LastUsed: ts(r.IntN(age)), LastUsedService: "s3",
		})
	}
	return snapshot.User{
		Name: name, ARN: "arn:aws:iam::" + e.account + ":user/service/" + name, Path: "/service/",
		CreatedAt: ts(200 + r.IntN(1000)), Groups: groups, AccessKeys: keys,
		InlinePolicies: []snapshot.InlinePolicy{{Name: "access", Document: render(perms, g.docBits(v, e))}},
		Tags:           map[string]string{"owner": pick(r, teams)},
	}, true
}

func (g *gen) group(j int, e env) snapshot.Group {
	r, v := g.stream(kGroup, j, 1)
	name := base(kGroup, j)
	perms := make([]stmt, 1+r.IntN(2))
	for i := range perms {
		perms[i] = permStmt(r, name, e)
	}
	if v.drift && e.name == StagingEnv {
		perms = append(perms, widen)
	}
	return snapshot.Group{
		Name: name, ARN: "arn:aws:iam::" + e.account + ":group/" + name, Path: "/",
		InlinePolicies: []snapshot.InlinePolicy{{Name: "access", Document: render(perms, g.docBits(v, e))}},
	}
}
