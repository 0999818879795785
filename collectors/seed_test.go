package collectors

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	smtypes "github.com/aws/aws-sdk-go-v2/service/secretsmanager/types"
	"github.com/aws/aws-sdk-go-v2/service/ssm"
	ssmtypes "github.com/aws/aws-sdk-go-v2/service/ssm/types"
	"github.com/parity-sec/parity/collectors/mototest"
)

// The seeded accounts: the same layout in both, named after the
// environment, plus these deliberate drifts in production:
//   - role deploy-production attaches AdministratorAccess (staging: AmazonS3ReadOnlyAccess)
//   - parameter /app/production/db-password is a String (staging: SecureString)
//   - key alias/app-production has rotation off (staging: on)
//   - log group /app/production keeps 7 days (staging: 30)
//   - security group web-production in eu-west-1 also admits 22/tcp from anywhere
const (
	regionA = "eu-west-1"
	regionB = "us-east-1"
)

// seedConfig is a client configuration WITHOUT the allowlist: seeding writes.
func seedConfig(srv *mototest.Server, region string) aws.Config {
	return aws.Config{
		Region:       region,
		Credentials:  credentials.NewStaticCredentialsProvider("testing", "testing", ""),
		BaseEndpoint: aws.String(srv.URL),
	}
}

func must[T any](t testing.TB, what string) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatalf("seed %s: %v", what, err)
		}
		return v
	}
}

func seed(t testing.TB, srv *mototest.Server, env string) {
	t.Helper()
	ctx := context.Background()
	seedIAM(ctx, t, srv, env)
	seedSecrets(ctx, t, srv, env)
	seedLogging(ctx, t, srv, env)
	for _, r := range []string{regionA, regionB} {
		seedNetwork(ctx, t, srv, env, r)
	}
}

func policyDoc(statements ...string) *string {
	return aws.String(`{"Version":"2012-10-17","Statement":[` + strings.Join(statements, ",") + `]}`)
}

func seedIAM(ctx context.Context, t testing.TB, srv *mototest.Server, env string) {
	c := iam.NewFromConfig(seedConfig(srv, regionA))
	acct := srv.Account
	readPolicy := must[*iam.CreatePolicyOutput](t, "policy")(c.CreatePolicy(ctx, &iam.CreatePolicyInput{
		PolicyName:     aws.String("app-" + env + "-read"),
		PolicyDocument: policyDoc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::app-` + env + `/*"}`),
	}))
	boundary := must[*iam.CreatePolicyOutput](t, "boundary")(c.CreatePolicy(ctx, &iam.CreatePolicyInput{
		PolicyName:     aws.String("boundary-" + env),
		Path:           aws.String("/boundaries/"),
		PolicyDocument: policyDoc(`{"Effect":"Allow","Action":["s3:*","logs:*"],"Resource":"*"}`),
	}))
	must[*iam.CreateRoleOutput](t, "role")(c.CreateRole(ctx, &iam.CreateRoleInput{
		RoleName:                 aws.String("app-" + env),
		AssumeRolePolicyDocument: policyDoc(`{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}`),
		PermissionsBoundary:      boundary.Policy.Arn,
		MaxSessionDuration:       aws.Int32(7200),
		Tags:                     []iamtypes.Tag{{Key: aws.String("team"), Value: aws.String("app")}},
	}))
	must[*iam.PutRolePolicyOutput](t, "inline")(c.PutRolePolicy(ctx, &iam.PutRolePolicyInput{
		RoleName: aws.String("app-" + env), PolicyName: aws.String("write-logs"),
		PolicyDocument: policyDoc(`{"Effect":"Allow","Action":"logs:PutLogEvents","Resource":"*"}`),
	}))
	must[*iam.AttachRolePolicyOutput](t, "attach")(c.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String("app-" + env), PolicyArn: readPolicy.Policy.Arn}))
	must[*iam.CreateInstanceProfileOutput](t, "profile")(c.CreateInstanceProfile(ctx, &iam.CreateInstanceProfileInput{InstanceProfileName: aws.String("app-" + env)}))
	must[*iam.AddRoleToInstanceProfileOutput](t, "profile role")(c.AddRoleToInstanceProfile(ctx, &iam.AddRoleToInstanceProfileInput{InstanceProfileName: aws.String("app-" + env), RoleName: aws.String("app-" + env)}))

	must[*iam.CreateRoleOutput](t, "deploy role")(c.CreateRole(ctx, &iam.CreateRoleInput{
		RoleName:                 aws.String("deploy-" + env),
		AssumeRolePolicyDocument: policyDoc(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + acct + `:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"ci"}}}`),
	}))
	deployPolicy := "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
	if env == "production" {
		deployPolicy = "arn:aws:iam::aws:policy/AdministratorAccess"
	}
	must[*iam.AttachRolePolicyOutput](t, "attach aws")(c.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String("deploy-" + env), PolicyArn: aws.String(deployPolicy)}))

	must[*iam.CreateGroupOutput](t, "group")(c.CreateGroup(ctx, &iam.CreateGroupInput{GroupName: aws.String("devs-" + env)}))
	must[*iam.PutGroupPolicyOutput](t, "group inline")(c.PutGroupPolicy(ctx, &iam.PutGroupPolicyInput{
		GroupName: aws.String("devs-" + env), PolicyName: aws.String("describe"),
		PolicyDocument: policyDoc(`{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}`),
	}))
	must[*iam.CreateUserOutput](t, "user")(c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("ci-" + env)}))
	must[*iam.AddUserToGroupOutput](t, "user group")(c.AddUserToGroup(ctx, &iam.AddUserToGroupInput{UserName: aws.String("ci-" + env), GroupName: aws.String("devs-" + env)}))
	must[*iam.PutUserPolicyOutput](t, "user inline")(c.PutUserPolicy(ctx, &iam.PutUserPolicyInput{
		UserName: aws.String("ci-" + env), PolicyName: aws.String("assume-deploy"),
		PolicyDocument: policyDoc(`{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::` + acct + `:role/deploy-` + env + `"}`),
	}))
	must[*iam.CreateAccessKeyOutput](t, "key")(c.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("ci-" + env)}))
	must[*iam.CreateOpenIDConnectProviderOutput](t, "oidc")(c.CreateOpenIDConnectProvider(ctx, &iam.CreateOpenIDConnectProviderInput{
		Url: aws.String("https://token.actions.githubusercontent.com"), ClientIDList: []string{"sts.amazonaws.com"},
		ThumbprintList: []string{"6938fd4d98bab03faadb97b34396831e3780aea1"},
	}))
	must[*iam.CreateSAMLProviderOutput](t, "saml")(c.CreateSAMLProvider(ctx, &iam.CreateSAMLProviderInput{
		Name: aws.String("okta"), SAMLMetadataDocument: aws.String(strings.Repeat("<EntityDescriptor/>", 60)),
	}))
}

func seedSecrets(ctx context.Context, t testing.TB, srv *mototest.Server, env string) {
	cfg := seedConfig(srv, regionA)
	sm := secretsmanager.NewFromConfig(cfg)
	db := must[*secretsmanager.CreateSecretOutput](t, "secret")(sm.CreateSecret(ctx, &secretsmanager.CreateSecretInput{
		Name: aws.String("app/" + env + "/db"), SecretString: aws.String("hunter2"),
		Tags: []smtypes.Tag{{Key: aws.String("team"), Value: aws.String("app")}},
	}))
	// No rotation Lambda: moto would look it up and there is no Lambda here.
	must[*secretsmanager.RotateSecretOutput](t, "rotate")(sm.RotateSecret(ctx, &secretsmanager.RotateSecretInput{
		SecretId: db.ARN, RotationRules: &smtypes.RotationRulesType{AutomaticallyAfterDays: aws.Int64(30)},
	}))
	must[*secretsmanager.PutResourcePolicyOutput](t, "secret policy")(sm.PutResourcePolicy(ctx, &secretsmanager.PutResourcePolicyInput{
		SecretId:       db.ARN,
		ResourcePolicy: policyDoc(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + srv.Account + `:role/app-` + env + `"},"Action":"secretsmanager:GetSecretValue","Resource":"*"}`),
	}))
	must[*secretsmanager.CreateSecretOutput](t, "secret 2")(sm.CreateSecret(ctx, &secretsmanager.CreateSecretInput{
		Name: aws.String("app/" + env + "/api-key"), SecretString: aws.String("s3cr3t"),
	}))

	ps := ssm.NewFromConfig(cfg)
	pwType := ssmtypes.ParameterTypeSecureString
	if env == "production" {
		pwType = ssmtypes.ParameterTypeString
	}
	must[*ssm.PutParameterOutput](t, "parameter")(ps.PutParameter(ctx, &ssm.PutParameterInput{Name: aws.String("/app/" + env + "/db-password"), Value: aws.String("hunter2"), Type: pwType}))
	must[*ssm.PutParameterOutput](t, "parameter 2")(ps.PutParameter(ctx, &ssm.PutParameterInput{Name: aws.String("/app/" + env + "/feature-flag"), Value: aws.String("on"), Type: ssmtypes.ParameterTypeString}))

	k := kms.NewFromConfig(cfg)
	key := must[*kms.CreateKeyOutput](t, "key")(k.CreateKey(ctx, &kms.CreateKeyInput{Description: aws.String("app data " + env)}))
	must[*kms.CreateAliasOutput](t, "alias")(k.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String("alias/app-" + env), TargetKeyId: key.KeyMetadata.KeyId}))
	if env == "staging" {
		must[*kms.EnableKeyRotationOutput](t, "rotation")(k.EnableKeyRotation(ctx, &kms.EnableKeyRotationInput{KeyId: key.KeyMetadata.KeyId}))
	}
}

// createBucket makes an S3 bucket with a plain path-style request: the
// module pins no S3 client, and moto needs no signature.
func createBucket(t testing.TB, srv *mototest.Server, name string) {
	body := strings.NewReader(`<CreateBucketConfiguration><LocationConstraint>` + regionA + `</LocationConstraint></CreateBucketConfiguration>`)
	req, err := http.NewRequest(http.MethodPut, srv.URL+"/"+name, body)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("seed bucket: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("seed bucket: HTTP %d", resp.StatusCode)
	}
}

func seedLogging(ctx context.Context, t testing.TB, srv *mototest.Server, env string) {
	cfg := seedConfig(srv, regionA)
	bucket := "audit-" + env + "-" + srv.Account
	createBucket(t, srv, bucket)
	ct := cloudtrail.NewFromConfig(cfg)
	must[*cloudtrail.CreateTrailOutput](t, "trail")(ct.CreateTrail(ctx, &cloudtrail.CreateTrailInput{
		Name: aws.String("audit-" + env), S3BucketName: aws.String(bucket),
		IsMultiRegionTrail: aws.Bool(true), EnableLogFileValidation: aws.Bool(true), IncludeGlobalServiceEvents: aws.Bool(true),
	}))
	must[*cloudtrail.StartLoggingOutput](t, "start logging")(ct.StartLogging(ctx, &cloudtrail.StartLoggingInput{Name: aws.String("audit-" + env)}))
	must[*cloudtrail.PutEventSelectorsOutput](t, "selectors")(ct.PutEventSelectors(ctx, &cloudtrail.PutEventSelectorsInput{
		TrailName: aws.String("audit-" + env),
		EventSelectors: []cttypes.EventSelector{{
			ReadWriteType: cttypes.ReadWriteTypeAll, IncludeManagementEvents: aws.Bool(true),
			DataResources: []cttypes.DataResource{{Type: aws.String("AWS::S3::Object"), Values: []string{"arn:aws:s3:::app-" + env + "/"}}},
		}},
	}))

	lg := cloudwatchlogs.NewFromConfig(cfg)
	retention := int32(30)
	if env == "production" {
		retention = 7
	}
	for _, name := range []string{"/app/" + env, "siem-sink"} {
		must[*cloudwatchlogs.CreateLogGroupOutput](t, "log group")(lg.CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String(name)}))
	}
	must[*cloudwatchlogs.PutRetentionPolicyOutput](t, "retention")(lg.PutRetentionPolicy(ctx, &cloudwatchlogs.PutRetentionPolicyInput{LogGroupName: aws.String("/app/" + env), RetentionInDays: aws.Int32(retention)}))
	must[*cloudwatchlogs.PutSubscriptionFilterOutput](t, "subscription")(lg.PutSubscriptionFilter(ctx, &cloudwatchlogs.PutSubscriptionFilterInput{
		LogGroupName: aws.String("/app/" + env), FilterName: aws.String("to-siem"), FilterPattern: aws.String("ERROR"),
		DestinationArn: aws.String(fmt.Sprintf("arn:aws:logs:%s:%s:log-group:siem-sink:*", regionA, srv.Account)),
	}))
}

func seedNetwork(ctx context.Context, t testing.TB, srv *mototest.Server, env, region string) {
	c := ec2.NewFromConfig(seedConfig(srv, region))
	nameTag := func(kind ec2types.ResourceType, name string) []ec2types.TagSpecification {
		return []ec2types.TagSpecification{{ResourceType: kind, Tags: []ec2types.Tag{{Key: aws.String("Name"), Value: aws.String(name)}}}}
	}
	vpc := must[*ec2.CreateVpcOutput](t, "vpc")(c.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.1.0.0/16"), TagSpecifications: nameTag(ec2types.ResourceTypeVpc, "main-"+env)}))
	vpcID := vpc.Vpc.VpcId
	sg := must[*ec2.CreateSecurityGroupOutput](t, "sg")(c.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{
		GroupName: aws.String("web-" + env), Description: aws.String("web tier"), VpcId: vpcID,
		TagSpecifications: nameTag(ec2types.ResourceTypeSecurityGroup, "web-"+env),
	}))
	perms := []ec2types.IpPermission{{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(443), ToPort: aws.Int32(443), IpRanges: []ec2types.IpRange{{CidrIp: aws.String("0.0.0.0/0")}}}}
	if env == "production" && region == regionA {
		perms = append(perms, ec2types.IpPermission{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(22), ToPort: aws.Int32(22), IpRanges: []ec2types.IpRange{{CidrIp: aws.String("0.0.0.0/0")}}})
	}
	must[*ec2.AuthorizeSecurityGroupIngressOutput](t, "ingress")(c.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: sg.GroupId, IpPermissions: perms}))
	acl := must[*ec2.CreateNetworkAclOutput](t, "nacl")(c.CreateNetworkAcl(ctx, &ec2.CreateNetworkAclInput{VpcId: vpcID, TagSpecifications: nameTag(ec2types.ResourceTypeNetworkAcl, "edge-"+env)}))
	must[*ec2.CreateNetworkAclEntryOutput](t, "nacl entry")(c.CreateNetworkAclEntry(ctx, &ec2.CreateNetworkAclEntryInput{
		NetworkAclId: acl.NetworkAcl.NetworkAclId, RuleNumber: aws.Int32(100), Protocol: aws.String("6"), RuleAction: ec2types.RuleActionAllow,
		Egress: aws.Bool(false), CidrBlock: aws.String("0.0.0.0/0"), PortRange: &ec2types.PortRange{From: aws.Int32(443), To: aws.Int32(443)},
	}))
	bucket := "flow-" + env + "-" + region + "-" + srv.Account
	createBucket(t, srv, bucket)
	must[*ec2.CreateFlowLogsOutput](t, "flow log")(c.CreateFlowLogs(ctx, &ec2.CreateFlowLogsInput{
		ResourceIds: []string{*vpcID}, ResourceType: ec2types.FlowLogsResourceTypeVpc, TrafficType: ec2types.TrafficTypeAll,
		LogDestinationType: ec2types.LogDestinationTypeS3, LogDestination: aws.String("arn:aws:s3:::" + bucket),
	}))
}
