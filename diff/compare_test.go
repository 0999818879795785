package diff_test

import (
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parity-sec/parity/collectors/snapshot"
	"github.com/parity-sec/parity/diff"
	"github.com/parity-sec/parity/normalize"
	"github.com/parity-sec/parity/normalize/iamcatalog"
)

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

func pair(t *testing.T, stg, prd func(s *snapshot.Snapshot)) *diff.Result {
	t.Helper()
	s := &snapshot.Snapshot{SchemaVersion: 1, Environment: "staging", AccountID: stgAcct}
	p := &snapshot.Snapshot{SchemaVersion: 1, Environment: "production", AccountID: prdAcct}
	stg(s)
	prd(p)
	se, pe, err := normalize.Pair(s, p, normalize.Config{Aliases: map[string][]string{"staging": {"stg"}, "production": {"prd"}}})
	if err != nil {
		t.Fatalf("pair: %v", err)
	}
	return diff.Compare(se, pe)
}

const ec2Trust = `{"Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`

// s3ButGetObject is the delta of s3:* over s3:GetObject: the whole s3
// service of the catalogue but one action, as one group.
func s3ButGetObject() map[string]any {
	var actions []any
	for _, a := range iamcatalog.Actions("s3") {
		if a != "GetObject" {
			actions = append(actions, "s3:"+a)
		}
	}
	sort.Slice(actions, func(i, j int) bool { return actions[i].(string) < actions[j].(string) })
	return map[string]any{"service": "s3", "actions": actions, "resource": "*",
		"witness": map[string]any{"action": actions[0], "resource": "*"}}
}

// TestDriftDetected: each case changes access; the exact change is checked.
func TestDriftDetected(t *testing.T) {
	base := func(name string) snapshot.Role {
		return role(name, ec2Trust, `{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`)
	}
	cases := []struct {
		name     string
		stg, prd func(s *snapshot.Snapshot)
		want     []diff.Change
	}{
		{
			name: "widened grant",
			stg: func(s *snapshot.Snapshot) {
				s.Identity.Roles = []snapshot.Role{role("app-staging", ec2Trust, `{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`)}
			},
			prd: func(s *snapshot.Snapshot) { s.Identity.Roles = []snapshot.Role{base("app-production")} },
			// s3:* covers s3:GetObject: staging alone is wider, by every s3
			// action but GetObject, on any resource.
			want: []diff.Change{
				{Action: diff.OnlyStaging, Area: "identity", Kind: "iam_role", Resource: "iam_role/global/app-${env}", Path: "permissions", Staging: s3ButGetObject()},
			},
		},
		{
			name: "dropped boundary",
			stg:  func(s *snapshot.Snapshot) { s.Identity.Roles = []snapshot.Role{base("app-staging")} },
			prd: func(s *snapshot.Snapshot) {
				r := base("app-production")
				r.PermissionsBoundary = "arn:aws:iam::222222222222:policy/boundary"
				s.Identity.Roles = []snapshot.Role{r}
			},
			want: []diff.Change{{Action: diff.Changed, Area: "identity", Kind: "iam_role", Resource: "iam_role/global/app-${env}", Path: "permissions_boundary",
				Staging: "", Production: "arn:aws:iam::${self_account}:policy/boundary"}},
		},
		{
			name: "extra trusted account: production trusts staging",
			stg:  func(s *snapshot.Snapshot) { s.Identity.Roles = []snapshot.Role{base("app-staging")} },
			prd: func(s *snapshot.Snapshot) {
				s.Identity.Roles = []snapshot.Role{role("app-production",
					`{"Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com","AWS":"111111111111"},"Action":"sts:AssumeRole"}]}`,
					`{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`)}
			},
			// The witness is a principal of the staging account (the root
			// ARN names the whole account) assuming the role.
			want: []diff.Change{{Action: diff.OnlyProduction, Area: "identity", Kind: "iam_role", Resource: "iam_role/global/app-${env}", Path: "trust",
				Production: map[string]any{"witness": map[string]any{"principal": "AWS:arn:aws:iam::${peer_account}:", "action": "sts:AssumeRole", "resource": "*"}}}},
		},
		{
			name: "opened port",
			stg: func(s *snapshot.Snapshot) {
				s.Network.SecurityGroups = []snapshot.SecurityGroup{{ID: "sg-1", Name: "db", Region: "us-east-1",
					Ingress: []snapshot.SGRule{{Protocol: "tcp", FromPort: port(5432), ToPort: port(5432), CIDRs: []string{"10.0.0.0/16", "0.0.0.0/0"}}}}}
			},
			prd: func(s *snapshot.Snapshot) {
				s.Network.SecurityGroups = []snapshot.SecurityGroup{{ID: "sg-2", Name: "db", Region: "us-east-1",
					Ingress: []snapshot.SGRule{{Protocol: "tcp", FromPort: port(5432), ToPort: port(5432), CIDRs: []string{"10.0.0.0/16"}}}}}
			},
			// Production's 10.0.0.0/16 is inside staging's 0.0.0.0/0: staging
			// alone admits more, proven by a packet from outside 10.0.0.0/16.
			want: []diff.Change{
				{Action: diff.OnlyStaging, Area: "network", Kind: "security_group", Resource: "security_group/us-east-1/no-vpc/db", Path: "ingress",
					Staging: map[string]any{"protocol": "tcp", "from_port": 5432, "to_port": 5432, "source": "0.0.0.0/0",
						"icmp_type": -1, "icmp_type_to": -1, "icmp_code": -1, "icmp_code_to": -1,
						"witness": map[string]any{"protocol": 6, "port": 5432, "address": "0.0.0.0", "text": "tcp 5432 from 0.0.0.0"}}},
			},
		},
		{
			name: "resource on one side only",
			stg: func(s *snapshot.Snapshot) {
				s.Logging.LogGroups = []snapshot.LogGroup{{Name: "/app/staging", Region: "us-east-1", RetentionDays: 7}}
			},
			prd: func(s *snapshot.Snapshot) {
				s.Logging.LogGroups = []snapshot.LogGroup{{Name: "/app/production", Region: "us-east-1", RetentionDays: 365}, {Name: "/audit", Region: "us-east-1"}}
			},
			want: []diff.Change{
				{Action: diff.Changed, Area: "logging", Kind: "log_group", Resource: "log_group/us-east-1//app/${env}", Path: "retention_days", Staging: 7, Production: 365},
				{Action: diff.OnlyProduction, Area: "logging", Kind: "log_group", Resource: "log_group/us-east-1//audit"},
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := pair(t, tc.stg, tc.prd)
			if d := cmp.Diff(tc.want, res.Changes); d != "" {
				t.Errorf("changes (-want +got):\n%s", d)
			}
		})
	}
}
