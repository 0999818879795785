package snapshot_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parity-sec/parity/collectors/snapshot"
	"github.com/parity-sec/parity/collectors/snapshot/snapshottest"
)

// loadExample loads one side of the example pair shipped for newcomers;
// these tests keep it loadable as the format evolves.
func loadExample(t testing.TB, env string) *snapshot.Snapshot {
	t.Helper()
	st, pr := snapshottest.Example(t)
	if env == "staging" {
		return st
	}
	return pr
}

func TestExampleSnapshotsLoad(t *testing.T) {
	tests := []struct {
		env, account string
	}{
		{"staging", "111111111111"},
		{"production", "222222222222"},
	}
	for _, tt := range tests {
		t.Run(tt.env, func(t *testing.T) {
			s := loadExample(t, tt.env)
			if s.Environment != tt.env || s.AccountID != tt.account {
				t.Errorf("got environment %q account %q, want %q %q", s.Environment, s.AccountID, tt.env, tt.account)
			}
			if diff := cmp.Diff([]string{"us-east-1", "eu-west-1"}, s.Regions); diff != "" {
				t.Errorf("regions (-want +got):\n%s", diff)
			}
			if len(s.Coverage) != 13 {
				t.Errorf("got %d coverage records, want 13 (iam + 6 services x 2 regions)", len(s.Coverage))
			}
			for _, c := range s.Coverage {
				if c.Status != snapshot.CoverageOK {
					t.Errorf("coverage %s/%s is %s, want ok", c.Service, c.Region, c.Status)
				}
			}
			counts := map[string]int{
				"roles": len(s.Identity.Roles), "users": len(s.Identity.Users), "groups": len(s.Identity.Groups),
				"policies": len(s.Identity.Policies), "secrets": len(s.Secrets.Secrets), "parameters": len(s.Secrets.Parameters),
				"kms_keys": len(s.Secrets.KMSKeys), "trails": len(s.Logging.Trails), "log_groups": len(s.Logging.LogGroups),
				"flow_logs": len(s.Logging.FlowLogs), "vpcs": len(s.Network.VPCs), "security_groups": len(s.Network.SecurityGroups),
				"network_acls": len(s.Network.NetworkACLs),
			}
			for kind, n := range counts {
				if n == 0 {
					t.Errorf("example %s has no %s; every area should be represented", tt.env, kind)
				}
			}
			for _, r := range s.Identity.Roles {
				if r.TrustPolicy == "" {
					t.Errorf("role %s: empty trust policy", r.Name)
				}
			}
		})
	}
}

// TestExampleURLEncodedPolicy checks the one textual-only difference that is
// decided in this package rather than in normalize: staging ships
// payments-app-read URL-encoded, production as a JSON object.
func TestExampleURLEncodedPolicy(t *testing.T) {
	st, pr := loadExample(t, "staging"), loadExample(t, "production")
	find := func(s *snapshot.Snapshot) snapshot.Document {
		for _, p := range s.Identity.Policies {
			if p.Name == "payments-app-read" {
				return p.Document
			}
		}
		t.Fatalf("%s: no payments-app-read policy", s.Environment)
		return ""
	}
	got := string(find(st))
	want := strings.NewReplacer("222222222222", "111111111111", "production", "staging").Replace(string(find(pr)))
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("decoded staging policy differs from production's with tokens swapped (-want +got):\n%s", diff)
	}
}

// TestExampleHasNoSecretValues guards the promise that a snapshot never
// carries a secret: the example must not teach otherwise.
func TestExampleHasNoSecretValues(t *testing.T) {
	for _, env := range []string{"staging", "production"} {
		s := loadExample(t, env)
		for _, u := range s.Identity.Users {
			for _, k := range u.AccessKeys {
				if len(k.IDSuffix) != 4 {
					t.Errorf("%s: user %s key suffix %q is not 4 characters", env, u.Name, k.IDSuffix)
				}
			}
		}
	}
}
