package policies

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/parity-sec/parity/collectors/snapshot/snapshottest"
	"github.com/parity-sec/parity/collectors/snapshot/snapshottest/golden"
	"github.com/parity-sec/parity/diff"
	"github.com/parity-sec/parity/normalize"
)

func loadExample(t testing.TB) (*normalize.Environment, *normalize.Environment, *diff.Result) {
	t.Helper()
	st, pr := snapshottest.Example(t)
	se, pe, err := normalize.Pair(st, pr, normalize.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return se, pe, diff.Compare(se, pe)
}

// TestExampleSnapshots checks the seeded drifts of testdata/snapshots
// (listed in its README) each yield a finding of the right rule and
// category, that textual-only differences yield none, and pins the whole
// list, ids included, in a golden file.
func TestExampleSnapshots(t *testing.T) {
	se, pe, d := loadExample(t)
	ctx := context.Background()
	e, err := New(ctx, Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	fs, err := e.Evaluate(ctx, se, pe, d)
	if err != nil {
		t.Fatal(err)
	}
	// Without a diff the engine finds the drift itself; the result must
	// not change.
	alone, err := e.Evaluate(ctx, se, pe, nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(fs, alone); diff != "" {
		t.Errorf("findings without a diff.Result differ (-with +without):\n%s", diff)
	}
	seeded := []struct{ drift, rule, resource string }{
		{"D1", "identity.cross_env_role_chain", "iam_role/global/payments-deploy-${env}"},
		{"D2", "identity.wider_permissions", "iam_role/global/payments-api-${env}"},
		{"D3", "identity.permissions_boundary", "iam_role/global/payments-worker-${env}"},
		{"D4", "identity.only_in_one_env", "iam_user/global/reports-export-svc"},
		{"D4", "identity.access_key_unused", "iam_user/global/reports-export-svc"},
		{"D5", "identity.trust_conditions", "iam_role/global/payments-fraud-partner-${env}"},
		{"D6", "secrets.rotation", "secret/us-east-1//payments/${env}/db-password"},
		{"D7", "secrets.readable_from_peer", "secret/us-east-1/payments/${env}/stripe-api-key"},
		{"D8", "secrets.parameter_plaintext", "ssm_parameter/us-east-1//payments/${env}/webhook-signing-key"},
		{"D9", "secrets.kms_rotation", "kms_key/us-east-1/alias/payments-${env}"},
		{"D10", "logging.subscription_filter", "log_group/us-east-1//aws/ecs/payments-api-${env}"},
		{"D10", "logging.subscription_filter", "log_group/us-east-1//payments/cloudtrail-${env}"},
		{"D11", "logging.retention", "log_group/us-east-1//aws/ecs/payments-api-${env}"},
		{"D12", "logging.trail", "trail/us-east-1/payments-trail-${env}"},
		{"D13", "logging.flow_logs", "flow_log/us-east-1/payments-vpc-${env}"},
		{"D14", "network.open_ingress", "security_group/us-east-1/payments-vpc-${env}/payments-db-${env}"},
		{"D15", "network.nacl_permissive", "network_acl/us-east-1/payments-vpc-${env}/payments-nacl-${env}"},
	}
	for _, s := range seeded {
		found := false
		for _, f := range fs {
			if f.Rule == s.rule && f.Resource == s.resource {
				found = true
				if cat := strings.SplitN(s.rule, ".", 2)[0]; f.Category != cat {
					t.Errorf("%s: category %s, want %s", s.drift, f.Category, cat)
				}
			}
		}
		if !found {
			t.Errorf("%s: no %s finding on %s", s.drift, s.rule, s.resource)
		}
	}
	textual := []string{"payments-readonly-", "/payments-api-${env}/payments-api-${env}", "payments-app-read", "reporting-db-password", "payments-reporting-nacl", "eu-west-1"}
	for _, f := range fs {
		for _, s := range textual {
			if strings.Contains(f.Resource, s) {
				t.Errorf("textual-only difference produced %s on %s: %s", f.Rule, f.Resource, f.Message)
			}
		}
	}
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "%s %-8s %s %s\n    %s\n", f.ID, f.Severity, f.Rule, f.Resource, f.Message)
	}
	fmt.Fprintf(&b, "score %+v\n", ComputeScore(fs, d.Paired))
	golden.Check(t, filepath.Join("testdata", "example_findings.golden"), []byte(b.String()))
}
