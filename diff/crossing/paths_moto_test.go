package crossing_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"

	"github.com/parity-sec/parity/collectors"
	"github.com/parity-sec/parity/collectors/mototest"
	"github.com/parity-sec/parity/collectors/snapshot"
	"github.com/parity-sec/parity/diff"
	"github.com/parity-sec/parity/normalize"
	"github.com/parity-sec/parity/policies"
)

const (
	stg    = mototest.StagingAccount
	prd    = mototest.ProductionAccount
	region = "us-east-1"
)

// seeder issues real SDK calls to one moto server, which is one account
// (mototest pins MOTO_ACCOUNT_ID, so a server cannot act as another
// account).
type seeder struct {
	t   *testing.T
	cfg aws.Config
}

func newSeeder(t *testing.T, srv *mototest.Server) *seeder {
	return &seeder{t: t, cfg: aws.Config{Region: region, BaseEndpoint: aws.String(srv.URL),
		Credentials: credentials.NewStaticCredentialsProvider("testing", "testing", "")}}
}

func (s *seeder) must(what string, err error) {
	s.t.Helper()
	if err != nil {
		s.t.Fatalf("seed %s: %v", what, err)
	}
}

func doc(stmts ...string) string {
	return `{"Version":"2012-10-17","Statement":[` + strings.Join(stmts, ",") + `]}`
}

func principalOnly(p string) string {
	return doc(`{"Effect":"Allow","Principal":{"AWS":"` + p + `"},"Action":"sts:AssumeRole"}`)
}

func anyoneIf(action, key, value string) string {
	return doc(`{"Effect":"Allow","Principal":"*","Action":"` + action + `","Resource":"*","Condition":{"StringEquals":{"` + key + `":"` + value + `"}}}`)
}

func (s *seeder) role(name, trust string, inline ...string) {
	ctx := context.Background()
	c := iam.NewFromConfig(s.cfg)
	_, err := c.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(name), AssumeRolePolicyDocument: aws.String(trust)})
	s.must("role "+name, err)
	for i, d := range inline {
		_, err := c.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String(name), PolicyName: aws.String(fmt.Sprintf("p%d", i)), PolicyDocument: aws.String(d)})
		s.must("role policy "+name, err)
	}
}

func (s *seeder) oidcRole(account, name, sub string) {
	cond := `"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}`
	if sub != "" {
		cond += `,"StringLike":{"token.actions.githubusercontent.com:sub":"` + sub + `"}`
	}
	s.role(name, doc(`{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::`+account+`:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{`+cond+`}}`))
}

func (s *seeder) bucket(name, policy string) {
	c := s3.NewFromConfig(s.cfg, func(o *s3.Options) { o.UsePathStyle = true })
	_, err := c.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String(name)})
	s.must("bucket "+name, err)
	if policy != "" {
		_, err = c.PutBucketPolicy(context.Background(), &s3.PutBucketPolicyInput{Bucket: aws.String(name), Policy: aws.String(policy)})
		s.must("bucket policy "+name, err)
	}
}

// borrowBucket makes a bucket exist just long enough for fn: moto checks
// that a trail's or flow log's bucket exists in its own process, and a
// bucket of the other account lives in the other server.
func (s *seeder) borrowBucket(name string, fn func()) {
	s.bucket(name, "")
	fn()
	c := s3.NewFromConfig(s.cfg, func(o *s3.Options) { o.UsePathStyle = true })
	_, err := c.DeleteBucket(context.Background(), &s3.DeleteBucketInput{Bucket: aws.String(name)})
	s.must("delete borrowed bucket "+name, err)
}

func (s *seeder) logGroup(name string) *cloudwatchlogs.Client {
	c := cloudwatchlogs.NewFromConfig(s.cfg)
	_, err := c.CreateLogGroup(context.Background(), &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String(name)})
	s.must("log group "+name, err)
	return c
}

func (s *seeder) subscribe(group, dest string) {
	_, err := cloudwatchlogs.NewFromConfig(s.cfg).PutSubscriptionFilter(context.Background(), &cloudwatchlogs.PutSubscriptionFilterInput{
		LogGroupName: aws.String(group), FilterName: aws.String("siem"), FilterPattern: aws.String(""), DestinationArn: aws.String(dest)})
	s.must("subscription "+group, err)
}

func (s *seeder) destination(name, policy string) {
	c := cloudwatchlogs.NewFromConfig(s.cfg)
	ctx := context.Background()
	_, err := c.PutDestination(ctx, &cloudwatchlogs.PutDestinationInput{DestinationName: aws.String(name),
		TargetArn: aws.String("arn:aws:kinesis:" + region + ":" + prd + ":stream/" + name), RoleArn: aws.String("arn:aws:iam::" + prd + ":role/cwl-to-kinesis")})
	s.must("destination "+name, err)
	_, err = c.PutDestinationPolicy(ctx, &cloudwatchlogs.PutDestinationPolicyInput{DestinationName: aws.String(name), AccessPolicy: aws.String(policy)})
	s.must("destination policy "+name, err)
}

func (s *seeder) key(alias, policy string) string {
	c := kms.NewFromConfig(s.cfg)
	ctx := context.Background()
	out, err := c.CreateKey(ctx, &kms.CreateKeyInput{Policy: aws.String(policy)})
	s.must("key "+alias, err)
	_, err = c.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String(alias), TargetKeyId: out.KeyMetadata.KeyId})
	s.must("alias "+alias, err)
	return *out.KeyMetadata.Arn
}

func (s *seeder) grant(keyARN, grantee string) {
	_, err := kms.NewFromConfig(s.cfg).CreateGrant(context.Background(), &kms.CreateGrantInput{KeyId: aws.String(keyARN),
		GranteePrincipal: aws.String(grantee), Operations: []kmstypes.GrantOperation{kmstypes.GrantOperationDecrypt}})
	s.must("grant", err)
}

func (s *seeder) secret(name, policy, keyID string) {
	c := secretsmanager.NewFromConfig(s.cfg)
	in := &secretsmanager.CreateSecretInput{Name: aws.String(name), SecretString: aws.String("not-read-by-parity")}
	if keyID != "" {
		in.KmsKeyId = aws.String(keyID)
	}
	_, err := c.CreateSecret(context.Background(), in)
	s.must("secret "+name, err)
	if policy != "" {
		_, err = c.PutResourcePolicy(context.Background(), &secretsmanager.PutResourcePolicyInput{SecretId: aws.String(name), ResourcePolicy: aws.String(policy)})
		s.must("secret policy "+name, err)
	}
}

func (s *seeder) trail(name, bucket string) {
	c := cloudtrail.NewFromConfig(s.cfg)
	_, err := c.CreateTrail(context.Background(), &cloudtrail.CreateTrailInput{Name: aws.String(name), S3BucketName: aws.String(bucket)})
	s.must("trail "+name, err)
}

func (s *seeder) flowLog(vpcName, bucketARN string) {
	c := ec2.NewFromConfig(s.cfg)
	ctx := context.Background()
	v, err := c.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16"), TagSpecifications: []ec2types.TagSpecification{{
		ResourceType: ec2types.ResourceTypeVpc, Tags: []ec2types.Tag{{Key: aws.String("Name"), Value: aws.String(vpcName)}}}}})
	s.must("vpc "+vpcName, err)
	_, err = c.CreateFlowLogs(ctx, &ec2.CreateFlowLogsInput{ResourceIds: []string{*v.Vpc.VpcId}, ResourceType: ec2types.FlowLogsResourceTypeVpc,
		TrafficType: ec2types.TrafficTypeAll, LogDestinationType: ec2types.LogDestinationTypeS3, LogDestination: aws.String(bucketARN)})
	s.must("flow log "+vpcName, err)
}

func (s *seeder) user(name, policy string) {
	c := iam.NewFromConfig(s.cfg)
	ctx := context.Background()
	_, err := c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(name)})
	s.must("user "+name, err)
	_, err = c.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String(name), PolicyName: aws.String("p"), PolicyDocument: aws.String(policy)})
	s.must("user policy "+name, err)
	_, err = c.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String(name)})
	s.must("access key "+name, err)
}

func (s *seeder) oidcProvider() {
	_, err := iam.NewFromConfig(s.cfg).CreateOpenIDConnectProvider(context.Background(), &iam.CreateOpenIDConnectProviderInput{
		Url: aws.String("https://token.actions.githubusercontent.com"), ClientIDList: []string{"sts.amazonaws.com"},
		ThumbprintList: []string{"6938fd4d98bab03faadb97b34396831e3780aea1"}})
	s.must("oidc provider", err)
}

const admin = `{"Effect":"Allow","Action":"*","Resource":"*"}`

func assume(arn string) string {
	return `{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"` + arn + `"}`
}

// seedStaging builds the staging side: the chain's start, a near-miss
// caller without permission, workload identities, its own log sinks and a
// key production borrows, and a reverse-direction log delivery.
func seedStaging(s *seeder) {
	s.role("ci-staging", doc(`{"Effect":"Allow","Principal":{"Service":"codebuild.amazonaws.com"},"Action":"sts:AssumeRole"}`),
		doc(assume("arn:aws:iam::"+prd+":role/deploy-production")))
	s.role("ro-staging", principalOnly("arn:aws:iam::"+stg+":root"), doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`))
	s.user("breakglass", doc(admin))
	s.oidcProvider()
	s.oidcRole(stg, "gha-app-staging", "repo:org/app:*")
	s.oidcRole(stg, "gha-web-staging", "repo:org/web-staging:*")
	s.oidcRole(stg, "gha-open-staging", "")
	s.bucket("trail-staging-logs", "")
	s.bucket("flow-staging-logs", "")
	s.logGroup("app-staging") // its subscription to production is added after collection
}

// seedProduction builds every path and a near-miss twin of each.
func seedProduction(s *seeder) {
	prRole := func(n string) string { return "arn:aws:iam::" + prd + ":role/" + n }
	stRole := func(n string) string { return "arn:aws:iam::" + stg + ":role/" + n }
	// (b) a chain staging ci -> deploy -> admin; near miss: audit trusts a
	// staging role that may not call sts:AssumeRole.
	s.role("deploy-production", principalOnly(stRole("ci-staging")), doc(assume(prRole("admin-production"))))
	s.role("admin-production", principalOnly(prRole("deploy-production")), doc(admin))
	s.role("audit-production", principalOnly(stRole("ro-staging")), doc(admin))
	// (a) trust open to "*" but conditioned on roles of the staging account
	// (none exists yet: no chain, but staging can create one); near miss:
	// the same conditioned on production's own account.
	s.role("partner-production", doc(`{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Condition":{"StringLike":{"aws:PrincipalArn":"arn:aws:iam::`+stg+`:role/partner-*"}}}`))
	s.role("vendor-production", doc(`{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Condition":{"StringLike":{"aws:PrincipalArn":"arn:aws:iam::`+prd+`:role/partner-*"}}}`))
	// (a) secrets and keys.
	s.secret("db-production", anyoneIf("secretsmanager:GetSecretValue", "aws:PrincipalAccount", stg), "")
	s.secret("api-production", anyoneIf("secretsmanager:GetSecretValue", "aws:PrincipalAccount", prd), "")
	s.key("alias/data-production", anyoneIf("kms:Decrypt", "kms:CallerAccount", stg))
	s.key("alias/ops-production", anyoneIf("kms:Decrypt", "kms:CallerAccount", prd))
	logsKey := s.key("alias/logs-production", anyoneIf("kms:Decrypt", "kms:CallerAccount", prd))
	s.grant(logsKey, "arn:aws:iam::"+stg+":root")
	opsKey := "arn:aws:kms:" + region + ":" + prd + ":alias/ops-production"
	s.grant(opsKey, prRole("admin-production"))
	// (c) a secret under a staging key; near miss: under its own key.
	s.secret("cache-production", "", "arn:aws:kms:"+region+":"+stg+":key/0b7d6f6e-staging")
	s.secret("queue-production", "", opsKey)
	// (a) log destination writable by staging; near miss: by production only.
	s.destination("siem-production", doc(`{"Effect":"Allow","Principal":{"AWS":"`+stg+`"},"Action":"logs:PutSubscriptionFilter","Resource":"*"}`))
	s.destination("audit-production", doc(`{"Effect":"Allow","Principal":{"AWS":"`+prd+`"},"Action":"logs:PutSubscriptionFilter","Resource":"*"}`))
	// (c) logs to staging: subscription, trail bucket, flow logs; near
	// misses deliver to production's own sinks.
	s.logGroup("app-production")  // its subscription to staging is added after collection
	s.logGroup("siem-production") // moto checks a logs destination's name as a log group of its account
	s.logGroup("web-production")
	s.subscribe("web-production", "arn:aws:logs:"+region+":"+prd+":destination:siem-production")
	s.bucket("trail-production-logs", doc(`{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::trail-production-logs/*","Condition":{"StringEquals":{"aws:SourceAccount":"`+prd+`"}}}`))
	// (a) a log bucket readable by staging.
	s.bucket("flow-production-logs", doc(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::`+stg+`:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::flow-production-logs/*"}`))
	s.borrowBucket("trail-staging-logs", func() { s.trail("audit-production", "trail-staging-logs") })
	s.trail("ops-production", "trail-production-logs")
	s.borrowBucket("flow-staging-logs", func() { s.flowLog("app-production", "arn:aws:s3:::flow-staging-logs") })
	s.flowLog("web-production", "arn:aws:s3:::flow-production-logs")
	// (d) workload identities.
	s.oidcProvider()
	s.oidcRole(prd, "gha-app-production", "repo:org/app:*")
	s.oidcRole(prd, "gha-web-production", "repo:org/web-production:*")
	s.oidcRole(prd, "gha-open-production", "")
}

// TestPathsMoto seeds every path between two moto accounts with real SDK
// calls, collects both with parity's collector, and checks that the path
// rules give exactly one finding per path, with direction-aware severity,
// and nothing on the near-miss twins.
func TestPathsMoto(t *testing.T) {
	stSrv := mototest.Start(t, stg)
	prSrv := mototest.Start(t, prd)
	seedStaging(newSeeder(t, stSrv))
	seedProduction(newSeeder(t, prSrv))

	for _, kv := range []string{"AWS_ACCESS_KEY_ID=testing", "AWS_SECRET_ACCESS_KEY=testing", "AWS_SESSION_TOKEN=",
		"AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null", "AWS_EC2_METADATA_DISABLED=true", "AWS_REGION=" + region} {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	ctx := context.Background()
	stSnap, err := collectors.Collect(ctx, collectors.Options{Env: "staging", Regions: []string{region}, EndpointURL: stSrv.URL})
	if err != nil {
		t.Fatal(err)
	}
	prSnap, err := collectors.Collect(ctx, collectors.Options{Env: "production", Regions: []string{region}, EndpointURL: prSrv.URL})
	if err != nil {
		t.Fatal(err)
	}
	// moto validates a subscription's destination inside its own account,
	// so the cross-account subscriptions are added to what was collected.
	subscribe(t, stSnap, "app-staging", "arn:aws:logs:"+region+":"+prd+":destination:siem-production")
	subscribe(t, prSnap, "app-production", "arn:aws:logs:"+region+":"+stg+":destination:siem-staging")
	for _, c := range append(stSnap.Coverage, prSnap.Coverage...) {
		if c.Status != "ok" {
			t.Errorf("coverage %s %s: %s %s", c.Service, c.Region, c.Status, c.Message)
		}
	}
	se, pe, err := normalize.Pair(stSnap, prSnap, normalize.Config{})
	if err != nil {
		t.Fatal(err)
	}
	eng, err := policies.New(ctx, policies.Options{Now: time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	fs, err := eng.Evaluate(ctx, se, pe, diff.Compare(se, pe))
	if err != nil {
		t.Fatal(err)
	}
	pathRules := map[string]bool{
		"identity.cross_env_trust": true, "identity.cross_env_role_chain": true, "identity.shared_workload_identity": true,
		"identity.federated_any_subject": true, "identity.only_in_one_env": true, "secrets.readable_from_peer": true,
		"secrets.foreign_key": true, "logging.sink_open_to_peer": true, "logging.data_leaves_env": true,
	}
	var got []string
	for _, f := range fs {
		if !pathRules[f.Rule] {
			continue
		}
		side := sideOf(f.Message)
		if f.Rule == "identity.only_in_one_env" && !strings.Contains(f.Message, "access keys") && !strings.Contains(f.Message, "reaches") {
			continue // plain one-sided roles of the fixture, graded medium or low
		}
		got = append(got, fmt.Sprintf("%s %s %s %s", f.Rule, f.Resource, f.Severity, side))
		for _, acct := range []string{stg, prd} {
			if !strings.Contains(f.Message, acct) && f.Rule != "identity.only_in_one_env" && f.Rule != "identity.federated_any_subject" {
				t.Errorf("%s %s: message does not name account %s: %s", f.Rule, f.Resource, acct, f.Message)
			}
		}
		if !strings.Contains(f.Message, "arn:aws:") && !strings.Contains(f.Message, "-logs") {
			t.Errorf("%s %s: message names no real ARN: %s", f.Rule, f.Resource, f.Message)
		}
	}
	sort.Strings(got)
	want := []string{
		"identity.cross_env_role_chain iam_role/global/admin-${env} critical production",
		"identity.cross_env_role_chain iam_role/global/deploy-${env} critical production",
		"identity.cross_env_trust iam_role/global/partner-${env} critical production",
		"identity.federated_any_subject iam_role/global/gha-open-${env} critical production",
		"identity.federated_any_subject iam_role/global/gha-open-${env} high staging",
		"identity.only_in_one_env iam_role/global/ci-${env} critical staging",
		"identity.only_in_one_env iam_user/global/breakglass high staging",
		"identity.shared_workload_identity iam_role/global/gha-app-${env} critical production",
		"logging.data_leaves_env flow_log/us-east-1/app-${env} high production",
		"logging.data_leaves_env log_group/us-east-1/app-${env} high production",
		"logging.data_leaves_env log_group/us-east-1/app-${env} low staging",
		"logging.data_leaves_env trail/us-east-1/audit-${env} high production",
		"logging.sink_open_to_peer log_destination/us-east-1/siem-${env} high production",
		"logging.sink_open_to_peer s3_bucket/global/flow-${env}-logs high production",
		"secrets.foreign_key secret/us-east-1/cache-${env} high production",
		"secrets.readable_from_peer kms_key/us-east-1/alias/data-${env} critical production",
		"secrets.readable_from_peer kms_key/us-east-1/alias/logs-${env} critical production",
		"secrets.readable_from_peer secret/us-east-1/db-${env} critical production",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("path findings:\n got:\n%s\n want:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func subscribe(t *testing.T, s *snapshot.Snapshot, group, dest string) {
	for i, g := range s.Logging.LogGroups {
		if g.Name == group {
			s.Logging.LogGroups[i].SubscriptionFilters = append(g.SubscriptionFilters, snapshot.SubscriptionFilter{Name: "siem", DestinationARN: dest})
			return
		}
	}
	t.Fatalf("no log group %s collected", group)
}

// sideOf reads from a path finding's message the environment that owns
// the resource.
func sideOf(msg string) string {
	for _, side := range []string{"staging", "production"} {
		if strings.Contains(msg, "reaches "+side+" role") || strings.Contains(msg, "exists only in "+side) {
			return side
		}
	}
	if strings.HasPrefix(msg, "staging ") && !strings.Contains(msg, " reaches ") {
		return "staging"
	}
	return "production"
}
