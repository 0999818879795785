package command

import (
	"context"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/parity-sec/parity/collectors/mototest"
	"github.com/parity-sec/parity/reports"
)

// seedAccount writes the same small estate into one moto account, named
// after env, plus drift when drift is true: the production deploy role
// trusts the staging account, SSH is open to the world, and log retention
// is shorter.
func seedAccount(t *testing.T, srv *mototest.Server, env, peerAccount string, drift bool) {
	t.Helper()
	ctx := context.Background()
	cfg := aws.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("testing", "testing", ""), BaseEndpoint: aws.String(srv.URL)}
	ic := iam.NewFromConfig(cfg)
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	deployTrust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + srv.Account + `:root"},"Action":"sts:AssumeRole"}]}`
	if drift {
		deployTrust = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::` + srv.Account + `:root","` + peerAccount + `"]},"Action":"sts:AssumeRole"}]}`
	}
	for name, doc := range map[string]string{"api-" + env: trust, "deploy-" + env: deployTrust} {
		if _, err := ic.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(name), AssumeRolePolicyDocument: aws.String(doc)}); err != nil {
			t.Fatalf("seed role %s: %v", name, err)
		}
	}
	// The same permissions written differently in each account.
	inline := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","S3:ListBucket"],"Resource":"arn:aws:s3:::app-` + env + `/*"}]}`
	if env == "production" {
		inline = `{"Version":"2012-10-17","Statement":[{"Sid":"List","Effect":"Allow","Action":"s3:listbucket","Resource":["arn:aws:s3:::app-production/*"]},{"Effect":"Allow","Action":"s3:getobject","Resource":"arn:aws:s3:::app-production/*"}]}`
	}
	if _, err := ic.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("api-" + env), PolicyName: aws.String("app"), PolicyDocument: aws.String(inline)}); err != nil {
		t.Fatalf("seed policy: %v", err)
	}
	lc := cloudwatchlogs.NewFromConfig(cfg)
	group := "/app/" + env
	if _, err := lc.CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String(group)}); err != nil {
		t.Fatalf("seed log group: %v", err)
	}
	days := int32(90)
	if drift {
		days = 7
	}
	if _, err := lc.PutRetentionPolicy(ctx, &cloudwatchlogs.PutRetentionPolicyInput{LogGroupName: aws.String(group), RetentionInDays: aws.Int32(days)}); err != nil {
		t.Fatalf("seed retention: %v", err)
	}
	ec := ec2.NewFromConfig(cfg)
	vpc, err := ec.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16"), TagSpecifications: []ec2types.TagSpecification{{
		ResourceType: ec2types.ResourceTypeVpc, Tags: []ec2types.Tag{{Key: aws.String("Name"), Value: aws.String("main-" + env)}}}}})
	if err != nil {
		t.Fatalf("seed vpc: %v", err)
	}
	sg, err := ec.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{GroupName: aws.String("web-" + env), Description: aws.String("web " + env), VpcId: vpc.Vpc.VpcId})
	if err != nil {
		t.Fatalf("seed sg: %v", err)
	}
	perms := []ec2types.IpPermission{{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(443), ToPort: aws.Int32(443),
		IpRanges: []ec2types.IpRange{{CidrIp: aws.String("10.0.0.0/25")}, {CidrIp: aws.String("10.0.0.128/25")}}}}
	if env == "production" { // the same admission as one merged CIDR
		perms[0].IpRanges = []ec2types.IpRange{{CidrIp: aws.String("10.0.0.0/24")}}
	}
	if drift {
		perms = append(perms, ec2types.IpPermission{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(22), ToPort: aws.Int32(22),
			IpRanges: []ec2types.IpRange{{CidrIp: aws.String("0.0.0.0/0")}}})
	}
	if _, err := ec.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: sg.GroupId, IpPermissions: perms}); err != nil {
		t.Fatalf("seed ingress: %v", err)
	}
}

// TestSnapshotAndDiffAgainstMoto is issue 3's end-to-end check: snapshot two
// live (moto) accounts with the real command, diff them, and see the seeded
// drift and nothing for what differs only by environment name and account.
func TestSnapshotAndDiffAgainstMoto(t *testing.T) {
	stgSrv := mototest.Start(t, mototest.StagingAccount)
	prdSrv := mototest.Start(t, mototest.ProductionAccount)
	seedAccount(t, stgSrv, "staging", mototest.ProductionAccount, false)
	seedAccount(t, prdSrv, "production", mototest.StagingAccount, true)

	for _, kv := range []string{"AWS_ACCESS_KEY_ID=testing", "AWS_SECRET_ACCESS_KEY=testing", "AWS_REGION=us-east-1",
		"AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null", "AWS_EC2_METADATA_DISABLED=true"} {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	dir := t.TempDir()
	stg, prd := filepath.Join(dir, "staging.json"), filepath.Join(dir, "production.json")
	for _, c := range []struct{ env, url, out string }{{"staging", stgSrv.URL, stg}, {"production", prdSrv.URL, prd}} {
		code, _, stderr := parity(t, "snapshot", "--env", c.env, "--endpoint-url", c.url, "--region", "us-east-1", "--quiet", "-o", c.out)
		if code != ExitOK {
			t.Fatalf("snapshot %s: exit %d: %s", c.env, code, stderr)
		}
	}
	code, stdout, stderr := parity(t, "diff", stg, prd, "--format", "json")
	if code != ExitGate {
		t.Fatalf("diff: exit %d, want %d (the cross-account trust is critical): %s", code, ExitGate, stderr)
	}
	var rep reports.Report
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	changed := map[string][]string{}
	for _, c := range rep.Changes {
		changed[c.Resource] = append(changed[c.Resource], c.Path)
	}
	want := map[string]string{
		"iam_role/global/deploy-${env}":                   "trust",
		"log_group/us-east-1//app/${env}":                 "retention_days",
		"security_group/us-east-1/main-${env}/web-${env}": "ingress",
	}
	for res, path := range want {
		if !contains(changed[res], path) {
			t.Errorf("%s: want a change at %q, got %v", res, path, changed[res])
		}
	}
	for _, res := range []string{"iam_role/global/api-${env}", "vpc/us-east-1/main-${env}"} {
		if len(changed[res]) > 0 {
			t.Errorf("%s differs only by name and account, yet changed at %v", res, changed[res])
		}
	}
	rules := map[string]bool{}
	for _, f := range rep.Findings {
		rules[f.Rule+" "+f.Resource] = true
	}
	for _, r := range []string{
		"identity.cross_env_trust iam_role/global/deploy-${env}",
		"network.open_ingress security_group/us-east-1/main-${env}/web-${env}",
		"logging.retention log_group/us-east-1//app/${env}",
	} {
		if !rules[r] {
			t.Errorf("no finding %s; findings: %v", r, rules)
		}
	}
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// TestSnapshotUnreachableEndpoint: nothing listens on the endpoint, so the
// command must fail fast with one line and exit 2, leaving no file behind.
func TestSnapshotUnreachableEndpoint(t *testing.T) {
	for _, kv := range [][2]string{{"AWS_ACCESS_KEY_ID", "testing"}, {"AWS_SECRET_ACCESS_KEY", "testing"}, {"AWS_REGION", "us-east-1"},
		{"AWS_CONFIG_FILE", "/dev/null"}, {"AWS_SHARED_CREDENTIALS_FILE", "/dev/null"}, {"AWS_EC2_METADATA_DISABLED", "true"}} {
		t.Setenv(kv[0], kv[1])
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // a port that was just free: connections are refused
	out := filepath.Join(t.TempDir(), "s.json")
	code, _, stderr := parity(t, "snapshot", "--env", "staging", "--endpoint-url", "http://"+addr, "--quiet", "-o", out)
	if code != ExitError {
		t.Fatalf("exit %d, want %d: %s", code, ExitError, stderr)
	}
	if n := strings.Count(strings.TrimSpace(stderr), "\n"); n != 0 || !strings.Contains(stderr, "collect staging") {
		t.Errorf("want one line naming the environment, got %q", stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("snapshot file written despite the failure: %v", err)
	}
}
