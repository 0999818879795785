package snapshottest

import (
	"fmt"

	"github.com/parity-sec/parity/collectors/snapshot"
)

func (g *gen) secrets(s *snapshot.Snapshot, e env) {
	for j := 0; j < g.counts[kSecret]; j++ {
		s.Secrets.Secrets = append(s.Secrets.Secrets, g.secret(j, e))
	}
	for j := 0; j < g.counts[kParameter]; j++ {
		s.Secrets.Parameters = append(s.Secrets.Parameters, g.parameter(j, e))
	}
	for j := 0; j < g.counts[kKMSKey]; j++ {
		s.Secrets.KMSKeys = append(s.Secrets.KMSKeys, g.kmsKey(j, e))
	}
}

// pathName is "/<service>/<env>/<component>-<j>", the usual layout of
// secret and parameter names.
func pathName(k kind, j int, e env) string {
	b := base(k, j)
	svc := service(k, j)
	return "/" + svc + "/" + e.name + "/" + b[len(svc)+1:]
}

// someKey picks a KMS key for a resource, or -1 for the AWS managed default.
func (g *gen) someKey(draw int) int {
	if g.counts[kKMSKey] == 0 || draw%2 == 0 {
		return -1
	}
	return draw % g.counts[kKMSKey]
}

func (g *gen) keyID(k int, e env, v variant) string {
	if k < 0 {
		return ""
	}
	return g.keyRef(k, e, v.rw(rwKeyAlias, e))
}

// Secret drifts: rotation flipped in staging, production shared with the
// staging account, staging on the AWS managed key.
func (g *gen) secret(j int, e env) snapshot.Secret {
	r, v := g.stream(kSecret, j, 3)
	name := pathName(kSecret, j, e)
	region := regionOf(kSecret, j)
	key := g.someKey(r.IntN(1 << 20))
	rotation := r.IntN(10) < 7
	days := pick(r, []int{30, 60, 90})
	var policy []stmt
	if r.IntN(5) == 0 {
		policy = []stmt{{Sid: "AppRead", Effect: "Allow", Principal: map[string]string{"AWS": fmt.Sprintf("arn:aws:iam::%s:role/%s", e.account, named(kRole, j, e))},
			Actions: []string{"secretsmanager:GetSecretValue"}, Resources: []string{"*"}}}
	}
	var replicas []string
	if region == Regions[0] && r.IntN(10) == 0 {
		replicas = []string{Regions[1]}
	}
	if v.drift {
		switch {
		case v.which == 0 && e.name == StagingEnv:
			rotation = !rotation
		case v.which == 1 && e.name == ProductionEnv:
			policy = append(policy, stmt{Sid: "ShareWithStaging", Effect: "Allow", Principal: map[string]string{"AWS": accountRoot(e.peer)},
				Actions: []string{"secretsmanager:GetSecretValue"}, Resources: []string{"*"}})
		case v.which == 2 && e.name == StagingEnv:
			if key < 0 {
				rotation = !rotation
			}
			key = -1
		}
	}
	sec := snapshot.Secret{
		Name: name, Region: region, KMSKeyID: g.keyID(key, e, v),
		ARN:             fmt.Sprintf("arn:aws:secretsmanager:%s:%s:secret:%s-%s", region, e.account, name, g.hexID("x", kSecret, j, e)[2:8]),
		RotationEnabled: rotation, LastAccessed: ts(r.IntN(10)), Replicas: replicas,
		Tags: map[string]string{"team": pick(r, teams), "environment": e.name},
	}
	if rotation {
		sec.RotationDays, sec.LastRotated = days, ts(r.IntN(days))
	}
	if policy != nil {
		sec.ResourcePolicy = render(policy, g.docBits(v, e))
	}
	return sec
}

// Parameter drift: plaintext String in staging where production encrypts,
// or a different tier.
func (g *gen) parameter(j int, e env) snapshot.Parameter {
	r, v := g.stream(kParameter, j, 1)
	p := snapshot.Parameter{Name: pathName(kParameter, j, e), Region: regionOf(kParameter, j), Tier: "Standard", LastModified: ts(r.IntN(700))}
	t := r.IntN(10)
	key := g.someKey(r.IntN(1 << 20))
	switch {
	case t < 5:
		p.Type = "String"
	case t < 6:
		p.Type = "StringList"
	default:
		p.Type = "SecureString"
		p.KMSKeyID = g.keyID(key, e, v)
	}
	if r.IntN(10) == 0 {
		p.Tier = "Advanced"
	}
	if v.drift && e.name == StagingEnv {
		if p.Type == "SecureString" {
			p.Type, p.KMSKeyID = "String", ""
		} else {
			p.Tier = map[string]string{"Standard": "Advanced", "Advanced": "Standard"}[p.Tier]
		}
	}
	return p
}

// KMS drifts: rotation off in staging, production's key policy open to the
// staging account.
func (g *gen) kmsKey(j int, e env) snapshot.KMSKey {
	r, v := g.stream(kKMSKey, j, 2)
	rotation := r.IntN(10) < 8
	policy := []stmt{{Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: map[string]string{"AWS": accountRoot(e.account)}, Actions: []string{"kms:*"}, Resources: []string{"*"}}}
	if r.IntN(10) < 3 {
		policy = append(policy, stmt{Sid: "AppUse", Effect: "Allow",
			Principal: map[string]string{"AWS": fmt.Sprintf("arn:aws:iam::%s:role/%s", e.account, named(kRole, j, e))},
			Actions:   []string{"kms:Decrypt", "kms:GenerateDataKey"}, Resources: []string{"*"}})
	}
	switch {
	case v.drift && v.which == 0 && e.name == StagingEnv:
		rotation = !rotation
	case v.drift && v.which == 1 && e.name == ProductionEnv:
		policy = append(policy, stmt{Sid: "StagingDecrypt", Effect: "Allow", Principal: map[string]string{"AWS": accountRoot(e.peer)}, Actions: []string{"kms:Decrypt"}, Resources: []string{"*"}})
	}
	return snapshot.KMSKey{
		KeyID: g.keyUUID(j, e), ARN: g.keyARN(j, e), Region: regionOf(kKMSKey, j),
		Aliases: []string{keyAlias(j, e)}, Description: base(kKMSKey, j) + " data",
		KeyManager: "CUSTOMER", KeyState: "Enabled", KeySpec: "SYMMETRIC_DEFAULT",
		RotationEnabled: rotation, Policy: render(policy, g.docBits(v, e)),
		Tags: map[string]string{"environment": e.name},
	}
}
