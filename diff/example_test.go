package diff_test

import (
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parity-sec/parity/collectors/snapshot/snapshottest"
	"github.com/parity-sec/parity/diff"
	"github.com/parity-sec/parity/normalize"
)

// TestExamplePair checks the shipped example against its README: exactly
// the seeded drifts change, and every textual-only rewrite pairs cleanly.
func TestExamplePair(t *testing.T) {
	stg, prd := snapshottest.Example(t)
	st, pr, err := normalize.Pair(stg, prd, normalize.Config{})
	if err != nil {
		t.Fatal(err)
	}
	res := diff.Compare(st, pr)
	changed := map[string]bool{}
	for _, c := range res.Changes {
		changed[c.Resource] = true
	}
	var got []string
	for k := range changed {
		got = append(got, k)
	}
	sort.Strings(got)
	want := []string{ // D1–D15 of testdata/snapshots/README.md
		"flow_log/us-east-1/payments-vpc-${env}",
		"iam_policy/global/payments-boundary",
		"iam_role/global/payments-api-${env}",
		"iam_role/global/payments-deploy-${env}",
		"iam_role/global/payments-fraud-partner-${env}",
		"iam_role/global/payments-worker-${env}",
		"iam_user/global/reports-export-svc",
		"kms_key/us-east-1/alias/payments-${env}",
		"log_group/us-east-1//aws/ecs/payments-api-${env}",
		"log_group/us-east-1//payments/cloudtrail-${env}",
		"network_acl/us-east-1/payments-vpc-${env}/payments-nacl-${env}",
		"secret/us-east-1//payments/${env}/db-password",
		"secret/us-east-1/payments/${env}/stripe-api-key",
		"security_group/us-east-1/payments-vpc-${env}/payments-db-${env}",
		"ssm_parameter/us-east-1//payments/${env}/webhook-signing-key",
		"trail/us-east-1/payments-trail-${env}",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("changed resources (-want +got):\n%s", d)
	}
	// Textual-only twins (T1–T13) must pair, not show up on one side.
	for _, key := range []string{
		"iam_role/global/payments-readonly-${env}",
		"iam_policy/global/payments-app-read",
		"security_group/us-east-1/payments-vpc-${env}/payments-api-${env}",
		"network_acl/eu-west-1/payments-reporting-vpc-${env}/payments-reporting-nacl-${env}",
		"secret/eu-west-1//payments/${env}/reporting-db-password",
		"kms_key/eu-west-1/alias/payments-logs-${env}",
		"vpc/us-east-1/payments-vpc-${env}",
	} {
		if st.Resources[key] == nil || pr.Resources[key] == nil {
			t.Errorf("%s: not paired (staging %v, production %v)", key, st.Resources[key] != nil, pr.Resources[key] != nil)
		}
	}
	if res.Paired["identity"] == 0 || res.Paired["network"] == 0 {
		t.Errorf("paired counts missing: %v", res.Paired)
	}
}
