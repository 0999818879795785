package diff_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/parity-sec/parity/collectors/snapshot"
	"github.com/parity-sec/parity/diff"
	"github.com/parity-sec/parity/normalize/iamcatalog"
)

// The traps of issue 8, through the whole flow (snapshot → normalize →
// diff): each pair either means the same (no change, no verdict) or
// differs in the stated direction.
func TestTrapsByMeaning(t *testing.T) {
	doc := func(stmts ...string) string { return `{"Statement":[` + strings.Join(stmts, ",") + `]}` }
	withPerms := func(name string, docs ...string) func(*snapshot.Snapshot) {
		return func(s *snapshot.Snapshot) {
			s.Identity.Roles = append(s.Identity.Roles, role(name+"-"+s.Environment, ec2Trust, docs...))
		}
	}
	var getActions []string
	for _, a := range iamcatalog.Actions("s3") {
		if strings.HasPrefix(a, "Get") {
			getActions = append(getActions, "s3:"+a)
		}
	}
	var kmsButDelete []string
	for _, a := range iamcatalog.Actions("kms") {
		if a != "ScheduleKeyDeletion" {
			kmsButDelete = append(kmsButDelete, "kms:"+a)
		}
	}
	list := func(l []string) string { b, _ := json.Marshal(l); return string(b) }
	keyPolicy := func(stmt string) func(*snapshot.Snapshot) {
		return func(s *snapshot.Snapshot) {
			s.Secrets.KMSKeys = []snapshot.KMSKey{{KeyID: "k-" + s.Environment, ARN: "arn:aws:kms:us-east-1:" + s.AccountID + ":key/k-" + s.Environment,
				Region: "us-east-1", KeyManager: "CUSTOMER", Aliases: []string{"alias/app-" + s.Environment},
				Policy: snapshot.Document(doc(stmt))}}
		}
	}
	boundary := func(withBoundary bool) func(*snapshot.Snapshot) {
		return func(s *snapshot.Snapshot) {
			arn := "arn:aws:iam::" + s.AccountID + ":policy/boundary"
			s.Identity.Policies = []snapshot.ManagedPolicy{{Name: "boundary", ARN: arn,
				Document: snapshot.Document(doc(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`))}}
			r := role("app-"+s.Environment, ec2Trust, doc(`{"Effect":"Allow","Action":"*","Resource":"*"}`))
			if withBoundary {
				r.PermissionsBoundary = arn
			}
			s.Identity.Roles = []snapshot.Role{r}
		}
	}
	sg := func(rules ...snapshot.SGRule) func(*snapshot.Snapshot) {
		return func(s *snapshot.Snapshot) {
			s.Network.SecurityGroups = []snapshot.SecurityGroup{{ID: "sg-" + s.Environment, Name: "web", Region: "us-east-1", Ingress: rules}}
		}
	}
	acl := func(entries ...snapshot.ACLEntry) func(*snapshot.Snapshot) {
		return func(s *snapshot.Snapshot) {
			s.Network.NetworkACLs = []snapshot.NetworkACL{{ID: "acl-" + s.Environment, Region: "us-east-1", Tags: map[string]string{"Name": "edge"}, Entries: entries}}
		}
	}
	allowAll := snapshot.ACLEntry{RuleNumber: 100, Protocol: "-1", Action: "allow", CIDR: "0.0.0.0/0"}
	cases := []struct {
		name     string
		stg, prd func(*snapshot.Snapshot)
		key      string
		attr     string
		relation string // "" = no change at all
	}{
		{"s3:Get* equals its expansion", withPerms("app", doc(`{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}`)),
			withPerms("app", doc(`{"Effect":"Allow","Action":`+list(getActions)+`,"Resource":"*"}`)), "iam_role/global/app-${env}", "permissions", ""},
		{"a NUL inside a NotAction element is not a list separator",
			withPerms("app", doc(`{"Effect":"Allow","NotAction":["iam:*\u0000kms:*"],"Resource":"*"}`)),
			withPerms("app", doc(`{"Effect":"Allow","NotAction":["iam:*","kms:*"],"Resource":"*"}`)),
			"iam_role/global/app-${env}", "permissions", diff.StagingWider},
		{"split NotAction list makes production admin",
			withPerms("app", doc(`{"Effect":"Allow","NotAction":["iam:*","kms:*"],"Resource":"*"}`)),
			withPerms("app", doc(`{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`, `{"Effect":"Allow","NotAction":"kms:*","Resource":"*"}`)),
			"iam_role/global/app-${env}", "permissions", diff.ProductionWider},
		{"a Deny cancelling an Allow is no change",
			withPerms("app", doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`)),
			withPerms("app", doc(`{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"*"}`, `{"Effect":"Deny","Action":"s3:PutObject","Resource":"*"}`)),
			"iam_role/global/app-${env}", "permissions", ""},
		{"removed Deny widens production",
			withPerms("app", doc(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`, `{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}`)),
			withPerms("app", doc(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`)),
			"iam_role/global/app-${env}", "permissions", diff.ProductionWider},
		{"NotAction on a key equals the explicit list of the other kms actions",
			keyPolicy(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + stgAcct + `:root"},"NotAction":"kms:ScheduleKeyDeletion","Resource":"*"}`),
			func(s *snapshot.Snapshot) {
				keyPolicy(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + prdAcct + `:root"},"Action":` + list(kmsButDelete) + `,"Resource":"*"}`)(s)
			},
			"kms_key/us-east-1/alias/app-${env}", "policy", ""},
		{"boundary removed: production admin", boundary(true), boundary(false), "iam_role/global/app-${env}", "permissions", diff.ProductionWider},
		{"icmp echo from anywhere in staging only",
			sg(snapshot.SGRule{Protocol: "icmp", FromPort: port(8), ToPort: port(-1), CIDRs: []string{"0.0.0.0/0"}}), sg(),
			"security_group/us-east-1/no-vpc/web", "ingress", diff.StagingWider},
		{"a deny for one protocol before the same allow-all narrows production",
			acl(allowAll), acl(snapshot.ACLEntry{RuleNumber: 50, Protocol: "17", Action: "deny", CIDR: "0.0.0.0/0", FromPort: port(53), ToPort: port(53)}, allowAll),
			"network_acl/us-east-1/no-vpc/edge", "ingress", diff.StagingWider},
		{"renumbered ACL is no change",
			acl(allowAll), acl(snapshot.ACLEntry{RuleNumber: 7, Protocol: "-1", Action: "allow", CIDR: "0.0.0.0/0"}),
			"network_acl/us-east-1/no-vpc/edge", "ingress", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := pair(t, tc.stg, tc.prd)
			v, ok := res.Verdicts[tc.key][tc.attr]
			switch {
			case tc.relation == "" && (ok || len(res.Changes) > 0):
				t.Errorf("want no change, got verdict %+v and changes %+v", v, res.Changes)
			case tc.relation != "" && !ok:
				t.Errorf("want %s, got no verdict; verdicts %+v", tc.relation, res.Verdicts)
			case tc.relation != "" && v.Relation != tc.relation:
				t.Errorf("relation %s, want %s", v.Relation, tc.relation)
			}
			if tc.relation == diff.StagingWider && v.StagingOnly == nil || tc.relation == diff.ProductionWider && v.ProductionOnly == nil {
				t.Errorf("no witness for the wider side: %+v", v)
			}
		})
	}
}

// TestApproximationsAreReported: a multi-valued condition key with more
// value classes than the evaluator tries exhaustively makes its comparison
// approximate. Twins that then compare equal are not proven equal, and the
// result names them; an exhaustive comparison names nothing.
func TestApproximationsAreReported(t *testing.T) {
	// n statements, each allowing under its own tag key:
	// n value classes of the multi-valued key aws:TagKeys. Production adds
	// a statement that the first two already imply together, so the
	// canonical grants differ and the twins are compared by meaning, which
	// is the same.
	perms := func(n int) (string, string) {
		var stg, prd []string
		for i := range n {
			cond := fmt.Sprintf(`"Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":"k%d"}}`, i)
			stg = append(stg, `{"Effect":"Allow","Action":"s3:GetObject",`+cond+`}`)
		}
		prd = append(append(prd, stg...), `{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":["k0","k1"]}}}`)
		return `{"Statement":[` + strings.Join(stg, ",") + `]}`, `{"Statement":[` + strings.Join(prd, ",") + `]}`
	}
	for _, c := range []struct {
		values int
		want   bool
	}{{3, false}, {12, true}} {
		stgDoc, prdDoc := perms(c.values)
		res := pair(t,
			func(s *snapshot.Snapshot) {
				s.Identity.Roles = []snapshot.Role{role("app-"+s.Environment, ec2Trust, stgDoc)}
			},
			func(s *snapshot.Snapshot) {
				s.Identity.Roles = []snapshot.Role{role("app-"+s.Environment, ec2Trust, prdDoc)}
			})
		if len(res.Verdicts) != 0 || len(res.Changes) != 0 {
			t.Errorf("%d tag keys: the same meaning gave verdicts %v, changes %v", c.values, res.Verdicts, res.Changes)
		}
		got := len(res.Approximated) > 0
		if got != c.want {
			t.Fatalf("%d tag keys: approximated = %v, want %v", c.values, res.Approximated, c.want)
		}
		if c.want {
			a := res.Approximated[0]
			if a.Resource != "iam_role/global/app-${env}" || a.Attribute != "permissions" || !strings.Contains(strings.Join(a.Notes, " "), "aws:tagkeys") {
				t.Errorf("approximation %+v, want the role's permissions and the key named", a)
			}
		}
	}
}
