package collectors

import "context"

// The export file names, one per operation, as `aws <service> <operation>`
// is spelled on the command line. README.md lists them with their layout.
const (
	fileCallerIdentity = "sts-get-caller-identity.json"
	fileAuthDetails    = "iam-get-account-authorization-details.json"
	fileListRoles      = "iam-list-roles.json"
	fileAccessKeys     = "iam-list-access-keys.json"
	fileKeyLastUsed    = "iam-get-access-key-last-used.json"
	fileListOIDC       = "iam-list-open-id-connect-providers.json"
	fileGetOIDC        = "iam-get-open-id-connect-provider.json"
	fileListSAML       = "iam-list-saml-providers.json"
	fileListSecrets    = "secretsmanager-list-secrets.json"
	fileSecretPolicy   = "secretsmanager-get-resource-policy.json"
	fileParameters     = "ssm-describe-parameters.json"
	fileListKeys       = "kms-list-keys.json"
	fileListAliases    = "kms-list-aliases.json"
	fileDescribeKey    = "kms-describe-key.json"
	fileKeyRotation    = "kms-get-key-rotation-status.json"
	fileKeyPolicy      = "kms-get-key-policy.json"
	fileKeyTags        = "kms-list-resource-tags.json"
	fileKeyGrants      = "kms-list-grants.json"
	fileTrails         = "cloudtrail-describe-trails.json"
	fileTrailStatus    = "cloudtrail-get-trail-status.json"
	fileEventSelectors = "cloudtrail-get-event-selectors.json"
	fileLogGroups      = "logs-describe-log-groups.json"
	fileSubscriptions  = "logs-describe-subscription-filters.json"
	fileDestinations   = "logs-describe-destinations.json"
	fileListBuckets    = "s3api-list-buckets.json"
	fileBucketPolicy   = "s3api-get-bucket-policy.json"
	fileVpcs           = "ec2-describe-vpcs.json"
	fileSecurityGroups = "ec2-describe-security-groups.json"
	fileNetworkAcls    = "ec2-describe-network-acls.json"
	fileFlowLogs       = "ec2-describe-flow-logs.json"
)

// globalExportDir is where IAM and STS files live: the top of the export.
const globalExportDir = ""

func (d *dirSource) iam(context.Context) (iamExport, error) {
	var ex iamExport
	var g gaps
	if err := g.need(d, globalExportDir, fileAuthDetails, &ex.Details); err != nil {
		return ex, err
	}
	if err := g.need(d, globalExportDir, fileListRoles, &ex.Roles); err != nil {
		return ex, err
	}
	var users, keys []string
	for _, u := range ex.Details.UserDetailList {
		users = append(users, u.UserName)
	}
	if err := items(&g, d, globalExportDir, fileAccessKeys, &ex.AccessKeys, users); err != nil {
		return ex, err
	}
	for _, u := range users {
		for _, k := range ex.AccessKeys[u].AccessKeyMetadata {
			keys = append(keys, k.AccessKeyId)
		}
	}
	if err := items(&g, d, globalExportDir, fileKeyLastUsed, &ex.KeyLastUsed, keys); err != nil {
		return ex, err
	}
	if err := g.need(d, globalExportDir, fileListOIDC, &ex.OIDC); err != nil {
		return ex, err
	}
	var providers []string
	for _, p := range ex.OIDC.OpenIDConnectProviderList {
		providers = append(providers, p.Arn)
	}
	if err := items(&g, d, globalExportDir, fileGetOIDC, &ex.OIDCDetail, providers); err != nil {
		return ex, err
	}
	if err := g.need(d, globalExportDir, fileListSAML, &ex.SAML); err != nil {
		return ex, err
	}
	return ex, g.err()
}

func (d *dirSource) secrets(_ context.Context, region string) (secretsExport, error) {
	var ex secretsExport
	var g gaps
	if err := g.need(d, region, fileListSecrets, &ex.List); err != nil {
		return ex, err
	}
	var arns []string
	for _, s := range ex.List.SecretList {
		arns = append(arns, s.ARN)
	}
	if err := items(&g, d, region, fileSecretPolicy, &ex.Policies, arns); err != nil {
		return ex, err
	}
	return ex, g.err()
}

func (d *dirSource) ssm(_ context.Context, region string) (ssmExport, error) {
	var ex ssmExport
	var g gaps
	if err := g.need(d, region, fileParameters, &ex.Parameters); err != nil {
		return ex, err
	}
	return ex, g.err()
}

func (d *dirSource) kms(_ context.Context, region string) (kmsExport, error) {
	var ex kmsExport
	var g gaps
	if err := g.need(d, region, fileListKeys, &ex.Keys); err != nil {
		return ex, err
	}
	if err := g.need(d, region, fileListAliases, &ex.Aliases); err != nil {
		return ex, err
	}
	var all []string
	for _, k := range ex.Keys.Keys {
		all = append(all, k.KeyId)
	}
	if err := items(&g, d, region, fileDescribeKey, &ex.Describe, all); err != nil {
		return ex, err
	}
	// Rotation, policy and tags are exported for customer keys only.
	var customer, rotating []string
	for _, id := range all {
		if dk, ok := ex.Describe[id]; ok && dk.KeyMetadata.KeyManager != "AWS" {
			customer = append(customer, id)
			if dk.rotationApplies() {
				rotating = append(rotating, id)
			}
		}
	}
	if err := items(&g, d, region, fileKeyRotation, &ex.Rotation, rotating); err != nil {
		return ex, err
	}
	if err := items(&g, d, region, fileKeyPolicy, &ex.Policy, customer); err != nil {
		return ex, err
	}
	if err := items(&g, d, region, fileKeyTags, &ex.Tags, customer); err != nil {
		return ex, err
	}
	if err := items(&g, d, region, fileKeyGrants, &ex.Grants, customer); err != nil {
		return ex, err
	}
	return ex, g.err()
}

func (d *dirSource) cloudtrail(_ context.Context, region string) (cloudtrailExport, error) {
	var ex cloudtrailExport
	var g gaps
	if err := g.need(d, region, fileTrails, &ex.Trails); err != nil {
		return ex, err
	}
	var home []string
	for _, t := range ex.Trails.TrailList {
		if t.HomeRegion == region {
			home = append(home, t.Name)
		}
	}
	if err := items(&g, d, region, fileTrailStatus, &ex.Status, home); err != nil {
		return ex, err
	}
	if err := items(&g, d, region, fileEventSelectors, &ex.Selectors, home); err != nil {
		return ex, err
	}
	return ex, g.err()
}

func (d *dirSource) logs(_ context.Context, region string) (logsExport, error) {
	var ex logsExport
	var g gaps
	if err := g.need(d, region, fileLogGroups, &ex.Groups); err != nil {
		return ex, err
	}
	var names []string
	for _, lg := range ex.Groups.LogGroups {
		names = append(names, lg.LogGroupName)
	}
	if err := items(&g, d, region, fileSubscriptions, &ex.Filters, names); err != nil {
		return ex, err
	}
	if err := g.need(d, region, fileDestinations, &ex.Dests); err != nil {
		return ex, err
	}
	return ex, g.err()
}

func (d *dirSource) ec2(_ context.Context, region string) (ec2Export, error) {
	var ex ec2Export
	var g gaps
	for _, f := range []struct {
		name string
		v    any
	}{{fileVpcs, &ex.Vpcs}, {fileSecurityGroups, &ex.SecurityGroups}, {fileNetworkAcls, &ex.NetworkAcls}, {fileFlowLogs, &ex.FlowLogs}} {
		if err := g.need(d, region, f.name, f.v); err != nil {
			return ex, err
		}
	}
	return ex, g.err()
}

// S3 files are global: ListBuckets answers for every region.
func (d *dirSource) s3(context.Context) (s3Export, error) {
	var ex s3Export
	var g gaps
	if err := g.need(d, globalExportDir, fileListBuckets, &ex.Buckets); err != nil {
		return ex, err
	}
	return ex, g.err()
}

func (d *dirSource) bucketPolicies(_ context.Context, _ s3Export, names []string) (map[string]wireBucketPolicy, error) {
	var m map[string]wireBucketPolicy
	var g gaps
	if err := items(&g, d, globalExportDir, fileBucketPolicy, &m, names); err != nil {
		return m, err
	}
	return m, g.err()
}
