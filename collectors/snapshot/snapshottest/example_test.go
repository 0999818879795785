package snapshottest

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parity-sec/parity/collectors/snapshot/snapshottest/golden"
	"github.com/parity-sec/parity/diff"
	"github.com/parity-sec/parity/normalize"
)

// exampleChanges runs the real pipeline on testdata/snapshots, the pair
// whose drift testdata/snapshots/README.md lists.
func exampleChanges(t *testing.T) []diff.Change {
	t.Helper()
	st, pr := Example(t)
	a, b, err := normalize.Pair(st, pr, normalize.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return diff.Compare(a, b).Changes
}

// TestExampleDrift checks the README's two tables: each seeded drift (D1-D15)
// shows up, and no textual-only difference (T1-T15) does.
func TestExampleDrift(t *testing.T) {
	changes := exampleChanges(t)
	got := map[string]bool{}
	for _, c := range changes {
		got[c.Resource+" "+c.Path] = true
		got[c.Resource] = true
	}
	drifts := []string{
		"iam_role/global/payments-deploy-${env} trust",                            // D1
		"iam_role/global/payments-api-${env} permissions",                         // D2
		"iam_role/global/payments-worker-${env} permissions_boundary",             // D3
		"iam_policy/global/payments-boundary ",                                    // D3, only in production
		"iam_user/global/reports-export-svc ",                                     // D4
		"iam_role/global/payments-fraud-partner-${env} trust",                     // D5
		"secret/us-east-1//payments/${env}/db-password rotation_enabled",          // D6
		"secret/us-east-1/payments/${env}/stripe-api-key resource_policy",         // D7
		"ssm_parameter/us-east-1//payments/${env}/webhook-signing-key type",       // D8
		"ssm_parameter/us-east-1//payments/${env}/webhook-signing-key kms_key",    // D8
		"kms_key/us-east-1/alias/payments-${env} rotation_enabled",                // D9
		"log_group/us-east-1//aws/ecs/payments-api-${env} subscription_filters",   // D10
		"log_group/us-east-1//payments/cloudtrail-${env} subscription_filters",    // D10
		"log_group/us-east-1//aws/ecs/payments-api-${env} retention_days",         // D11
		"trail/us-east-1/payments-trail-${env} log_file_validation",               // D12
		"trail/us-east-1/payments-trail-${env} multi_region",                      // D12
		"flow_log/us-east-1/payments-vpc-${env} ",                                 // D13
		"security_group/us-east-1/payments-vpc-${env}/payments-db-${env} ingress", // D14
		"network_acl/us-east-1/payments-vpc-${env}/payments-nacl-${env} ingress",  // D15
	}
	for _, d := range drifts {
		if !got[d] {
			t.Errorf("seeded drift %q is not reported", d)
		}
	}
	textual := []string{
		"iam_role/global/payments-readonly-${env}",                                           // T1, T2, T3, T5
		"iam_role/global/payments-worker-${env} permissions",                                 // T4, T7 via payments-app-read
		"iam_role/global/payments-worker-${env} trust",                                       //
		"iam_policy/global/payments-app-read",                                                // T7
		"security_group/us-east-1/payments-vpc-${env}/payments-api-${env}",                   // T6
		"security_group/us-east-1/payments-vpc-${env}/payments-db-${env} egress",             // T13
		"network_acl/eu-west-1/payments-reporting-vpc-${env}/payments-reporting-nacl-${env}", // T12
		"vpc/us-east-1/payments-vpc-${env}",                                                  // T8, T11
		"vpc/eu-west-1/payments-reporting-vpc-${env}",                                        // T8, T11
		"flow_log/eu-west-1/payments-reporting-vpc-${env}",                                   // T8
		"kms_key/eu-west-1/alias/payments-logs-${env}",                                       // T9
		"secret/eu-west-1//payments/${env}/reporting-db-password",                            // T10
		"iam_user/global/ci-deployer",                                                        // T14, T15
		"iam_role/global/payments-deploy-${env} permissions",                                 // T14
		"iam_oidc_provider/global/token.actions.githubusercontent.com",                       // T14
		"iam_instance_profile/global/payments-api-${env}",                                    // T14
		"log_group/eu-west-1//aws/lambda/payments-reporting-${env}",                          // T9
		"trail/us-east-1/payments-trail-${env} kms_key",                                      // T9
	}
	for _, k := range textual {
		if got[k] {
			t.Errorf("textual-only difference %q is reported as a change", k)
		}
	}
}

// TestExampleChangesGolden pins the full change list of the example pair;
// refresh with go test ./collectors/snapshot/snapshottest -run Golden -update.
func TestExampleChangesGolden(t *testing.T) {
	var b strings.Builder
	for _, c := range exampleChanges(t) {
		fmt.Fprintf(&b, "%-18s %s", c.Action, c.Resource)
		if c.Path != "" {
			fmt.Fprintf(&b, " %s", c.Path)
		}
		b.WriteString("\n")
	}
	golden.Check(t, filepath.Join("testdata", "example-changes.golden"), []byte(b.String()))
}
