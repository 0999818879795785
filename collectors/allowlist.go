package collectors

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/smithy-go/middleware"
)

// Operation is one AWS API operation the collectors may call. Service is the
// SDK's service id (the ServiceID constant of the service package) and Name
// the operation name as the SDK reports it. IAMAction is the permission the
// read-only role needs for it; empty when the call needs no permission in the
// target account (sts:GetCallerIdentity) or is made by the caller before the
// role exists (sts:AssumeRole).
type Operation struct {
	Service   string
	Name      string
	IAMAction string
}

// allowlist is every operation parity may send. Anything else — reading a
// secret value, decrypting, any write — fails before it leaves the process.
// It is also the source of the shipped least-privilege policy, so the two
// cannot drift apart. It is unexported and read through Allowlist, which
// returns a copy: it is a security boundary, and no caller may widen it.
var allowlist = []Operation{
	{"STS", "GetCallerIdentity", ""},
	{"STS", "AssumeRole", ""},

	{"IAM", "GetAccountAuthorizationDetails", "iam:GetAccountAuthorizationDetails"},
	{"IAM", "ListRoles", "iam:ListRoles"},
	{"IAM", "GetPolicy", "iam:GetPolicy"},
	{"IAM", "GetPolicyVersion", "iam:GetPolicyVersion"},
	{"IAM", "ListAccessKeys", "iam:ListAccessKeys"},
	{"IAM", "GetAccessKeyLastUsed", "iam:GetAccessKeyLastUsed"},
	{"IAM", "ListOpenIDConnectProviders", "iam:ListOpenIDConnectProviders"},
	{"IAM", "GetOpenIDConnectProvider", "iam:GetOpenIDConnectProvider"},
	{"IAM", "ListSAMLProviders", "iam:ListSAMLProviders"},

	{"Secrets Manager", "ListSecrets", "secretsmanager:ListSecrets"},
	{"Secrets Manager", "GetResourcePolicy", "secretsmanager:GetResourcePolicy"},

	{"SSM", "DescribeParameters", "ssm:DescribeParameters"},

	{"KMS", "ListKeys", "kms:ListKeys"},
	{"KMS", "DescribeKey", "kms:DescribeKey"},
	{"KMS", "GetKeyRotationStatus", "kms:GetKeyRotationStatus"},
	{"KMS", "GetKeyPolicy", "kms:GetKeyPolicy"},
	{"KMS", "ListAliases", "kms:ListAliases"},
	{"KMS", "ListResourceTags", "kms:ListResourceTags"},
	{"KMS", "ListGrants", "kms:ListGrants"},

	{"CloudTrail", "DescribeTrails", "cloudtrail:DescribeTrails"},
	{"CloudTrail", "GetTrailStatus", "cloudtrail:GetTrailStatus"},
	{"CloudTrail", "GetEventSelectors", "cloudtrail:GetEventSelectors"},

	{"CloudWatch Logs", "DescribeLogGroups", "logs:DescribeLogGroups"},
	{"CloudWatch Logs", "DescribeSubscriptionFilters", "logs:DescribeSubscriptionFilters"},
	{"CloudWatch Logs", "DescribeDestinations", "logs:DescribeDestinations"},

	// Bucket names (ownership of log sinks) and the policies of the buckets
	// trails and flow logs write to; never an object.
	{"S3", "ListBuckets", "s3:ListAllMyBuckets"},
	{"S3", "GetBucketPolicy", "s3:GetBucketPolicy"},

	{"EC2", "DescribeRegions", "ec2:DescribeRegions"},
	{"EC2", "DescribeVpcs", "ec2:DescribeVpcs"},
	{"EC2", "DescribeSecurityGroups", "ec2:DescribeSecurityGroups"},
	{"EC2", "DescribeNetworkAcls", "ec2:DescribeNetworkAcls"},
	{"EC2", "DescribeFlowLogs", "ec2:DescribeFlowLogs"},
}

// Allowlist returns a copy of every operation parity may send.
func Allowlist() []Operation {
	return append([]Operation(nil), allowlist...)
}

var allowed = func() map[[2]string]bool {
	m := make(map[[2]string]bool, len(allowlist))
	for _, op := range allowlist {
		m[[2]string{op.Service, op.Name}] = true
	}
	return m
}()

// ErrNotAllowed is wrapped by every refusal of the allowlist middleware.
var ErrNotAllowed = fmt.Errorf("operation not on parity's read-only allowlist")

// Allowed reports whether service and operation are on the allowlist.
func Allowed(service, operation string) bool {
	return allowed[[2]string{service, operation}]
}

// allowlistMiddleware refuses operations off the allowlist in the Initialize
// step, before serialization, signing or any network activity. The service
// id and operation name are read from smithy's stack values, which the
// generated clients set before the stack runs, so they are present in every step.
var allowlistMiddleware = middleware.InitializeMiddlewareFunc("ParityReadOnlyAllowlist",
	func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
		svc, op := middleware.GetServiceID(ctx), middleware.GetOperationName(ctx)
		if !Allowed(svc, op) {
			return middleware.InitializeOutput{}, middleware.Metadata{}, fmt.Errorf("%s %s: %w", svc, op, ErrNotAllowed)
		}
		return next.HandleInitialize(ctx, in)
	})

// addAllowlist installs the allowlist first in a client's stack. It has the
// signature of an aws.Config APIOptions entry.
func addAllowlist(stack *middleware.Stack) error {
	return stack.Initialize.Add(allowlistMiddleware, middleware.Before)
}

// iamPolicy is the shape of the shipped least-privilege policy.
type iamPolicy struct {
	Version   string         `json:"Version"`
	Statement []iamStatement `json:"Statement"`
}

type iamStatement struct {
	Sid      string   `json:"Sid"`
	Effect   string   `json:"Effect"`
	Action   []string `json:"Action"`
	Resource string   `json:"Resource"`
}

// ReadOnlyPolicy renders the IAM policy that grants exactly the allowlist's
// permissions, as indented JSON ending in a newline.
func ReadOnlyPolicy() ([]byte, error) {
	seen := map[string]bool{}
	var actions []string
	for _, op := range allowlist {
		if op.IAMAction != "" && !seen[op.IAMAction] {
			seen[op.IAMAction] = true
			actions = append(actions, op.IAMAction)
		}
	}
	sort.Strings(actions)
	p := iamPolicy{
		Version: "2012-10-17",
		Statement: []iamStatement{{
			Sid:      "ParityReadOnlyMetadata",
			Effect:   "Allow",
			Action:   actions,
			Resource: "*",
		}},
	}
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("render read-only policy: %w", err)
	}
	return append(b, '\n'), nil
}

// guard returns cfg with the allowlist installed, so every client built from
// it refuses operations off the list. Credential providers that the SDK built
// while loading cfg keep their own clients and are unaffected.
func guard(cfg aws.Config) aws.Config {
	cfg.APIOptions = append(append([]func(*middleware.Stack) error(nil), cfg.APIOptions...), addAllowlist)
	return cfg
}
