package collectors

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/parity-sec/parity/collectors/snapshot"
	"github.com/parity-sec/parity/diff"
	"github.com/parity-sec/parity/normalize"
	"github.com/parity-sec/parity/normalize/iamcatalog"
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
		got = append(got, fmt.Sprintf("%s %s %s staging=%v production=%v", c.Action, c.Resource, c.Path, brief(c.Staging), brief(c.Production)))
	}
	// The five drifts of seed(), as the differ reports them. The swapped AWS
	// managed policy shows as the two policies and, by meaning, the role's
	// permissions: AdministratorAccess in production covers everything
	// AmazonS3ReadOnlyAccess allows in staging, so production alone is wider.
	want := []string{
		"only_in_production iam_policy/global/aws/AdministratorAccess  staging=<nil> production=<nil>",
		"only_in_staging iam_policy/global/aws/AmazonS3ReadOnlyAccess  staging=<nil> production=<nil>",
		"only_in_production iam_role/global/deploy-${env} permissions staging=<nil> production=" +
			fmt.Sprintf("{%d services: every action on *}", len(iamcatalog.Services())-2),
		"only_in_production iam_role/global/deploy-${env} permissions staging=<nil> production=" +
			fmt.Sprintf("{s3-object-lambda: %d actions on *}", notReadOnly("s3-object-lambda", "get", "list")),
		"only_in_production iam_role/global/deploy-${env} permissions staging=<nil> production=" +
			fmt.Sprintf("{s3: %d actions on *}", notReadOnly("s3", "get", "list", "describe")),
		"changed kms_key/eu-west-1/alias/app-${env} rotation_enabled staging=true production=false",
		"changed ssm_parameter/eu-west-1//app/${env}/db-password kms_key staging=aws-managed production=none",
		"changed ssm_parameter/eu-west-1//app/${env}/db-password type staging=SecureString production=String",
		"changed log_group/eu-west-1//app/${env} retention_days staging=30 production=7",
		"only_in_production security_group/eu-west-1/main-${env}/web-${env} ingress staging=<nil> production=map[from_port:22 " +
			"icmp_code:-1 icmp_code_to:-1 icmp_type:-1 icmp_type_to:-1 protocol:tcp source:0.0.0.0/0 to_port:22 " +
			"witness:map[address:0.0.0.0 port:22 protocol:6 text:tcp 22 from 0.0.0.0]]",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
}

// notReadOnly counts the service's catalogue actions that start with none
// of the prefixes: what AmazonS3ReadOnlyAccess's Get*, List* and
// Describe* leave out.
func notReadOnly(service string, prefixes ...string) int {
	n := 0
	for _, a := range iamcatalog.Actions(service) {
		ro := false
		for _, p := range prefixes {
			ro = ro || strings.HasPrefix(strings.ToLower(a), p)
		}
		if !ro {
			n++
		}
	}
	return n
}

// brief prints an IAM delta row by its service(s), action count and
// resource: the action lists follow the catalogue's version.
func brief(v any) any {
	m, ok := v.(map[string]any)
	if !ok || m["actions"] == nil {
		return v
	}
	svc := fmt.Sprint(m["service"])
	if l, ok := m["services"].([]any); ok {
		svc = fmt.Sprintf("%d services", len(l))
	}
	acts := m["actions"].([]any)
	if len(acts) == 1 && acts[0] == "*" {
		return fmt.Sprintf("{%s: every action on %v}", svc, m["resource"])
	}
	return fmt.Sprintf("{%s: %d actions on %v}", svc, len(acts), m["resource"])
}
