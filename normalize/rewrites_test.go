package normalize_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parity-sec/parity/collectors/snapshot"
	"github.com/parity-sec/parity/normalize"
)

// These tests pin normalize's equivalence rules on their own, without the
// differ: two snapshots that write the same access differently must have
// the same keys and the same canonical attributes.

const (
	stgAcct = "111111111111"
	prdAcct = "222222222222"
)

func port(n int) *int { return &n }

func role(name, trust string, inline ...string) snapshot.Role {
	r := snapshot.Role{Name: name, ARN: "arn:aws:iam::x:role/" + name, TrustPolicy: snapshot.Document(trust)}
	for i, d := range inline {
		r.InlinePolicies = append(r.InlinePolicies, snapshot.InlinePolicy{Name: "p" + string(rune('a'+i)), Document: snapshot.Document(d)})
	}
	return r
}

func pair(t *testing.T, stg, prd func(s *snapshot.Snapshot)) (*normalize.Environment, *normalize.Environment) {
	t.Helper()
	s := &snapshot.Snapshot{SchemaVersion: 1, Environment: "staging", AccountID: stgAcct}
	p := &snapshot.Snapshot{SchemaVersion: 1, Environment: "production", AccountID: prdAcct}
	stg(s)
	prd(p)
	se, pe, err := normalize.Pair(s, p, normalize.Config{Aliases: map[string][]string{"staging": {"stg"}, "production": {"prd"}}})
	if err != nil {
		t.Fatalf("pair: %v", err)
	}
	return se, pe
}

// canonical is what the differ compares: each key's kind and attributes.
func canonical(e *normalize.Environment) map[string]any {
	out := map[string]any{}
	for k, r := range e.Resources {
		out[k] = map[string]any{"kind": r.Kind, "attrs": r.Attrs}
	}
	return out
}

const ec2Trust = `{"Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`

// TestMeaningPreservingRewrites: each case writes the same access two ways;
// none may produce a change.
func TestMeaningPreservingRewrites(t *testing.T) {
	cases := []struct {
		name     string
		stg, prd func(s *snapshot.Snapshot)
	}{
		{
			name: "statement order, Sid, case, scalar vs list, split statements",
			stg: func(s *snapshot.Snapshot) {
				s.Identity.Roles = []snapshot.Role{role("payments-api-staging", ec2Trust,
					`{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":["S3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::payments-staging/*"},{"Effect":"Allow","Action":"sqs:SendMessage","Resource":["*"]}]}`)}
			},
			prd: func(s *snapshot.Snapshot) {
				s.Identity.Roles = []snapshot.Role{role("payments-api-production", ec2Trust,
					`{"Statement":[{"Effect":"Allow","Action":["sqs:sendmessage"],"Resource":"*"},{"Sid":"Put","Effect":"allow","Action":"s3:putobject","Resource":["arn:aws:s3:::payments-production/*"]},{"Sid":"Get","Effect":"Allow","Action":"s3:getobject","Resource":"arn:aws:s3:::payments-production/*"}]}`)}
			},
		},
		{
			name: "narrower grant subsumed by wider one, and alias tokens",
			stg: func(s *snapshot.Snapshot) {
				s.Identity.Roles = []snapshot.Role{role("worker-stg", ec2Trust,
					`{"Statement":[{"Effect":"Allow","Action":["s3:*","s3:GetObject"],"Resource":"*"}]}`)}
			},
			prd: func(s *snapshot.Snapshot) {
				s.Identity.Roles = []snapshot.Role{role("worker-prd", ec2Trust,
					`{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}`)}
			},
		},
		{
			name: "account id principal equals its root ARN; inline equals managed",
			stg: func(s *snapshot.Snapshot) {
				r := role("deployer", `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"abc"}}}]}`)
				r.AttachedPolicies = []string{"arn:aws:iam::111111111111:policy/deploy"}
				s.Identity.Roles = []snapshot.Role{r}
				s.Identity.Policies = []snapshot.ManagedPolicy{{Name: "deploy", ARN: "arn:aws:iam::111111111111:policy/deploy",
					Document: `{"Statement":[{"Effect":"Allow","Action":"ecs:UpdateService","Resource":"*"}]}`}}
			},
			prd: func(s *snapshot.Snapshot) {
				s.Identity.Roles = []snapshot.Role{role("deployer", `{"Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::222222222222:root"]},"Action":["sts:AssumeRole"],"Condition":{"stringequals":{"STS:ExternalId":["abc"]}}}]}`,
					`{"Statement":[{"Effect":"Allow","Action":"ecs:updateservice","Resource":"*"}]}`)}
				s.Identity.Policies = []snapshot.ManagedPolicy{{Name: "deploy", ARN: "arn:aws:iam::222222222222:policy/deploy",
					Document: `{"Statement":[{"Effect":"Allow","Action":"ecs:UpdateService","Resource":"*"}]}`}}
			},
		},
		{
			name: "one SG rule with two CIDRs equals two rules; adjacent CIDRs and ports merge",
			stg: func(s *snapshot.Snapshot) {
				s.Network.VPCs = []snapshot.VPC{{ID: "vpc-1", Region: "us-east-1", Tags: map[string]string{"Name": "main-staging"}}}
				s.Network.SecurityGroups = []snapshot.SecurityGroup{{ID: "sg-1", Name: "web-staging", Region: "us-east-1", VPCID: "vpc-1",
					Ingress: []snapshot.SGRule{{Protocol: "tcp", FromPort: port(443), ToPort: port(443), CIDRs: []string{"10.0.0.0/25", "10.0.0.128/25"}},
						{Protocol: "6", FromPort: port(80), ToPort: port(80), CIDRs: []string{"10.0.0.0/24"}}}}}
			},
			prd: func(s *snapshot.Snapshot) {
				s.Network.VPCs = []snapshot.VPC{{ID: "vpc-9", Region: "us-east-1", Tags: map[string]string{"Name": "main-production"}}}
				s.Network.SecurityGroups = []snapshot.SecurityGroup{{ID: "sg-9", Name: "web-production", Region: "us-east-1", VPCID: "vpc-9",
					Ingress: []snapshot.SGRule{{Protocol: "tcp", FromPort: port(80), ToPort: port(80), CIDRs: []string{"10.0.0.0/24"}},
						{Protocol: "tcp", FromPort: port(443), ToPort: port(443), CIDRs: []string{"10.0.0.0/24"}}}}}
			},
		},
		{
			name: "a tcp rule implied by an all-traffic rule from the same source adds nothing",
			stg: func(s *snapshot.Snapshot) {
				s.Network.SecurityGroups = []snapshot.SecurityGroup{{ID: "sg-1", Name: "app", Region: "us-east-1",
					Egress: []snapshot.SGRule{{Protocol: "-1", CIDRs: []string{"0.0.0.0/0"}}, {Protocol: "tcp", FromPort: port(443), ToPort: port(443), CIDRs: []string{"10.0.0.0/8"}}}}}
			},
			prd: func(s *snapshot.Snapshot) {
				s.Network.SecurityGroups = []snapshot.SecurityGroup{{ID: "sg-2", Name: "app", Region: "us-east-1",
					Egress: []snapshot.SGRule{{Protocol: "-1", CIDRs: []string{"0.0.0.0/0"}}}}}
			},
		},
		{
			name: "NACL renumbered, KMS key ids differ but aliases pair",
			stg: func(s *snapshot.Snapshot) {
				s.Network.NetworkACLs = []snapshot.NetworkACL{{ID: "acl-1", Region: "us-east-1", Tags: map[string]string{"Name": "private-staging"},
					Entries: []snapshot.ACLEntry{{RuleNumber: 100, Protocol: "6", Action: "allow", CIDR: "10.0.0.0/16", FromPort: port(443), ToPort: port(443)},
						{RuleNumber: 200, Protocol: "-1", Action: "deny", CIDR: "0.0.0.0/0"}}}}
				s.Secrets.KMSKeys = []snapshot.KMSKey{{KeyID: "k1", ARN: "arn:aws:kms:us-east-1:111111111111:key/k1", Region: "us-east-1", Aliases: []string{"alias/payments-staging"}, KeyManager: "CUSTOMER", RotationEnabled: true}}
				s.Secrets.Secrets = []snapshot.Secret{{Name: "payments/staging/db", Region: "us-east-1", KMSKeyID: "arn:aws:kms:us-east-1:111111111111:key/k1"}}
			},
			prd: func(s *snapshot.Snapshot) {
				s.Network.NetworkACLs = []snapshot.NetworkACL{{ID: "acl-2", Region: "us-east-1", Tags: map[string]string{"Name": "private-production"},
					Entries: []snapshot.ACLEntry{{RuleNumber: 20, Protocol: "-1", Action: "deny", CIDR: "0.0.0.0/0"},
						{RuleNumber: 10, Protocol: "tcp", Action: "allow", CIDR: "10.0.0.0/16", FromPort: port(443), ToPort: port(443)}}}}
				s.Secrets.KMSKeys = []snapshot.KMSKey{{KeyID: "k2", ARN: "arn:aws:kms:us-east-1:222222222222:key/k2", Region: "us-east-1", Aliases: []string{"alias/payments-production"}, KeyManager: "CUSTOMER", RotationEnabled: true}}
				s.Secrets.Secrets = []snapshot.Secret{{Name: "payments/production/db", Region: "us-east-1", KMSKeyID: "alias/payments-production"}}
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			se, pe := pair(t, tc.stg, tc.prd)
			if d := cmp.Diff(canonical(se), canonical(pe)); d != "" {
				t.Errorf("the two sides differ in canonical form (-staging +production):\n%s", d)
			}
		})
	}
}
