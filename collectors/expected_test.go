package collectors

import (
	"github.com/parity-sec/parity/collectors/snapshot"
)

func doc(statements ...string) snapshot.Document {
	return snapshot.Document(*policyDoc(statements...))
}

func intp(i int) *int { return &i }

// wantSeeded is what seed(env) must produce, field by field, apart from the
// volatile ids and times.
func wantSeeded(env, acct string) *snapshot.Snapshot {
	iamARN := "arn:aws:iam::" + acct + ":"
	deployPolicy := "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
	if env == "production" {
		deployPolicy = "arn:aws:iam::aws:policy/AdministratorAccess"
	}
	pwType, pwKey := "SecureString", "alias/aws/ssm"
	rotation, retention := true, 30
	if env == "production" {
		pwType, pwKey = "String", ""
		rotation, retention = false, 7
	}
	s := &snapshot.Snapshot{}
	s.Identity = snapshot.Identity{
		Roles: []snapshot.Role{
			{
				Name: "app-" + env, ARN: iamARN + "role/app-" + env, Path: "/",
				TrustPolicy:         doc(`{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}`),
				InlinePolicies:      []snapshot.InlinePolicy{{Name: "write-logs", Document: doc(`{"Effect":"Allow","Action":"logs:PutLogEvents","Resource":"*"}`)}},
				AttachedPolicies:    []string{iamARN + "policy/app-" + env + "-read"},
				PermissionsBoundary: iamARN + "policy/boundaries/boundary-" + env,
				MaxSessionDuration:  7200,
				Tags:                map[string]string{"team": "app"},
			},
			{
				Name: "deploy-" + env, ARN: iamARN + "role/deploy-" + env, Path: "/",
				TrustPolicy:        doc(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + acct + `:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"ci"}}}`),
				AttachedPolicies:   []string{deployPolicy},
				MaxSessionDuration: 3600,
			},
		},
		Users: []snapshot.User{{
			Name: "ci-" + env, ARN: iamARN + "user/ci-" + env, Path: "/",
			InlinePolicies: []snapshot.InlinePolicy{{Name: "assume-deploy", Document: doc(`{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::` + acct + `:role/deploy-` + env + `"}`)}},
			Groups:         []string{"devs-" + env},
			AccessKeys:     []snapshot.AccessKey{{Status: "Active"}},
		}},
		Groups: []snapshot.Group{{
			Name: "devs-" + env, ARN: iamARN + "group/devs-" + env, Path: "/",
			InlinePolicies: []snapshot.InlinePolicy{{Name: "describe", Document: doc(`{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}`)}},
		}},
		Policies: []snapshot.ManagedPolicy{
			{Name: "app-" + env + "-read", ARN: iamARN + "policy/app-" + env + "-read", Path: "/", AttachmentCount: 1,
				Document: doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::app-` + env + `/*"}`)},
			{Name: "boundary-" + env, ARN: iamARN + "policy/boundaries/boundary-" + env, Path: "/boundaries/",
				Document: doc(`{"Effect":"Allow","Action":["s3:*","logs:*"],"Resource":"*"}`)},
			{Name: arnName(deployPolicy), ARN: deployPolicy, Path: "/", AWSManaged: true, AttachmentCount: 1},
		},
		OIDCProviders: []snapshot.OIDCProvider{{
			ARN: iamARN + "oidc-provider/token.actions.githubusercontent.com", URL: "token.actions.githubusercontent.com",
			ClientIDs: []string{"sts.amazonaws.com"}, Thumbprints: []string{"6938fd4d98bab03faadb97b34396831e3780aea1"},
		}},
		SAMLProviders:    []snapshot.SAMLProvider{{ARN: iamARN + "saml-provider/okta", Name: "okta"}},
		InstanceProfiles: []snapshot.InstanceProfile{{Name: "app-" + env, ARN: iamARN + "instance-profile/app-" + env, Roles: []string{"app-" + env}}},
	}
	s.Secrets = snapshot.Secrets{
		Secrets: []snapshot.Secret{
			{Name: "app/" + env + "/api-key", Region: regionA},
			{Name: "app/" + env + "/db", Region: regionA, RotationEnabled: true, RotationDays: 30,
				ResourcePolicy: doc(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + acct + `:role/app-` + env + `"},"Action":"secretsmanager:GetSecretValue","Resource":"*"}`),
				Tags:           map[string]string{"team": "app"}},
		},
		Parameters: []snapshot.Parameter{
			{Name: "/app/" + env + "/db-password", Region: regionA, Type: pwType, KMSKeyID: pwKey, Tier: "Standard"},
			{Name: "/app/" + env + "/feature-flag", Region: regionA, Type: "String", Tier: "Standard"},
		},
		KMSKeys: []snapshot.KMSKey{{
			Region: regionA, Aliases: []string{"alias/app-" + env}, Description: "app data " + env,
			KeyManager: "CUSTOMER", KeyState: "Enabled", KeySpec: "SYMMETRIC_DEFAULT", RotationEnabled: rotation,
			Policy: snapshot.Document(`{"Version":"2012-10-17","Id":"key-default-1","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + acct + `:root"},"Action":"kms:*","Resource":"*"}]}`),
		}},
	}
	s.Logging = snapshot.Logging{
		Trails: []snapshot.Trail{{
			Name: "audit-" + env, ARN: "arn:aws:cloudtrail:" + regionA + ":" + acct + ":trail/audit-" + env, HomeRegion: regionA,
			MultiRegion: true, LogFileValidation: true, IsLogging: true, IncludeGlobalEvents: true,
			S3Bucket: "audit-" + env + "-" + acct,
			EventSelectors: []snapshot.EventSelector{{ReadWriteType: "All", IncludeManagementEvents: true,
				DataResources: []snapshot.DataResource{{Type: "AWS::S3::Object", Values: []string{"arn:aws:s3:::app-" + env + "/"}}}}},
		}},
		LogGroups: []snapshot.LogGroup{
			{Name: "/app/" + env, ARN: "arn:aws:logs:" + regionA + ":" + acct + ":log-group:/app/" + env, Region: regionA, RetentionDays: retention,
				SubscriptionFilters: []snapshot.SubscriptionFilter{{Name: "to-siem", FilterPattern: "ERROR", DestinationARN: "arn:aws:logs:" + regionA + ":" + acct + ":log-group:siem-sink:*"}}},
			{Name: "siem-sink", ARN: "arn:aws:logs:" + regionA + ":" + acct + ":log-group:siem-sink", Region: regionA},
		},
		// The seeded log sinks have no bucket policy: GetBucketPolicy answers
		// NoSuchBucketPolicy, which is not a gap.
		Buckets: []snapshot.Bucket{{Name: "audit-" + env + "-" + acct}, {Name: "flow-" + env + "-" + regionA + "-" + acct}, {Name: "flow-" + env + "-" + regionB + "-" + acct}},
	}
	egressAll := []snapshot.SGRule{{Protocol: "-1", CIDRs: []string{"0.0.0.0/0"}}}
	defaultACL := func(region string) snapshot.NetworkACL {
		return snapshot.NetworkACL{Region: region, IsDefault: true, Entries: []snapshot.ACLEntry{
			{RuleNumber: 100, Protocol: "-1", Action: "allow", CIDR: "0.0.0.0/0"},
			{RuleNumber: 32767, Protocol: "-1", Action: "deny", CIDR: "0.0.0.0/0"},
			{RuleNumber: 100, Egress: true, Protocol: "-1", Action: "allow", CIDR: "0.0.0.0/0"},
			{RuleNumber: 32767, Egress: true, Protocol: "-1", Action: "deny", CIDR: "0.0.0.0/0"},
		}}
	}
	for _, r := range []string{regionA, regionB} {
		name := map[string]string{"Name": "main-" + env}
		s.Logging.FlowLogs = append(s.Logging.FlowLogs, snapshot.FlowLog{
			Region: r, ResourceName: "main-" + env, TrafficType: "ALL", DestinationType: "s3",
			Destination: "arn:aws:s3:::flow-" + env + "-" + r + "-" + acct, Status: "ACTIVE",
		})
		s.Network.VPCs = append(s.Network.VPCs,
			snapshot.VPC{Region: r, CIDRs: []string{"172.31.0.0/16"}, IsDefault: true},
			snapshot.VPC{Region: r, CIDRs: []string{"10.1.0.0/16"}, Tags: name},
		)
		web := []snapshot.SGRule{{Protocol: "tcp", FromPort: intp(443), ToPort: intp(443), CIDRs: []string{"0.0.0.0/0"}}}
		if env == "production" && r == regionA {
			web = append([]snapshot.SGRule{{Protocol: "tcp", FromPort: intp(22), ToPort: intp(22), CIDRs: []string{"0.0.0.0/0"}}}, web...)
		}
		s.Network.SecurityGroups = append(s.Network.SecurityGroups,
			snapshot.SecurityGroup{Name: "default", Region: r, Description: "default VPC security group", Egress: egressAll},
			snapshot.SecurityGroup{Name: "default", Region: r, Description: "default VPC security group", Egress: egressAll},
			snapshot.SecurityGroup{Name: "web-" + env, Region: r, Description: "web tier", Tags: map[string]string{"Name": "web-" + env}, Ingress: web, Egress: egressAll},
		)
		s.Network.NetworkACLs = append(s.Network.NetworkACLs, defaultACL(r), defaultACL(r),
			snapshot.NetworkACL{Region: r, Tags: map[string]string{"Name": "edge-" + env}, Entries: []snapshot.ACLEntry{
				{RuleNumber: 100, Protocol: "6", Action: "allow", CIDR: "0.0.0.0/0", FromPort: intp(443), ToPort: intp(443)},
			}},
		)
	}
	return s
}
