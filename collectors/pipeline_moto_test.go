package collectors

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/parity-sec/parity/collectors/snapshot"
	"github.com/parity-sec/parity/diff"
	"github.com/parity-sec/parity/normalize"
)

// testDrifts pairs the two seeded snapshots and diffs them: the changes must
// be exactly the drifts seed() plants, and nothing for resources that differ
// only by environment name and account id.
func testDrifts(t *testing.T, st, pr *snapshot.Snapshot) {
	stEnv, prEnv, err := normalize.Pair(st, pr, normalize.Config{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range diff.Compare(stEnv, prEnv).Changes {
		got = append(got, fmt.Sprintf("%s %s %s staging=%v production=%v", c.Action, c.Resource, c.Path, c.Staging, c.Production))
	}
	// The five drifts of seed(), as the differ reports them. The swapped AWS
	// managed policy shows as the two policies and the role's permissions.
	want := []string{
		"only_in_production iam_policy/global/aws/AdministratorAccess  staging=<nil> production=<nil>",
		"only_in_staging iam_policy/global/aws/AmazonS3ReadOnlyAccess  staging=<nil> production=<nil>",
		"only_in_staging iam_role/global/deploy-${env} permissions staging=" + grant("s3-object-lambda:get*") + " production=<nil>",
		"only_in_staging iam_role/global/deploy-${env} permissions staging=" + grant("s3-object-lambda:list*") + " production=<nil>",
		"only_in_staging iam_role/global/deploy-${env} permissions staging=" + grant("s3:describe*") + " production=<nil>",
		"only_in_staging iam_role/global/deploy-${env} permissions staging=" + grant("s3:get*") + " production=<nil>",
		"only_in_staging iam_role/global/deploy-${env} permissions staging=" + grant("s3:list*") + " production=<nil>",
		"only_in_production iam_role/global/deploy-${env} permissions staging=<nil> production=" + grant("*"),
		"changed kms_key/eu-west-1/alias/app-${env} rotation_enabled staging=true production=false",
		"changed ssm_parameter/eu-west-1//app/${env}/db-password kms_key staging=aws-managed production=none",
		"changed ssm_parameter/eu-west-1//app/${env}/db-password type staging=SecureString production=String",
		"changed log_group/eu-west-1//app/${env} retention_days staging=30 production=7",
		"only_in_production security_group/eu-west-1/main-${env}/web-${env} ingress staging=<nil> production=map[from_port:22 protocol:tcp source:0.0.0.0/0 to_port:22]",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
}

// grant renders an Allow-anything-on-* grant for action as the test prints it.
func grant(action string) string {
	return "map[action:" + action + " condition:map[] effect:Allow not_action:false not_principal:false not_resource:false principal: resource:*]"
}
