package collectors

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// iamAPI is the part of the IAM client the identity collector uses.
type iamAPI interface {
	GetAccountAuthorizationDetails(context.Context, *iam.GetAccountAuthorizationDetailsInput, ...func(*iam.Options)) (*iam.GetAccountAuthorizationDetailsOutput, error)
	ListRoles(context.Context, *iam.ListRolesInput, ...func(*iam.Options)) (*iam.ListRolesOutput, error)
	GetPolicy(context.Context, *iam.GetPolicyInput, ...func(*iam.Options)) (*iam.GetPolicyOutput, error)
	GetPolicyVersion(context.Context, *iam.GetPolicyVersionInput, ...func(*iam.Options)) (*iam.GetPolicyVersionOutput, error)
	ListAccessKeys(context.Context, *iam.ListAccessKeysInput, ...func(*iam.Options)) (*iam.ListAccessKeysOutput, error)
	GetAccessKeyLastUsed(context.Context, *iam.GetAccessKeyLastUsedInput, ...func(*iam.Options)) (*iam.GetAccessKeyLastUsedOutput, error)
	ListOpenIDConnectProviders(context.Context, *iam.ListOpenIDConnectProvidersInput, ...func(*iam.Options)) (*iam.ListOpenIDConnectProvidersOutput, error)
	GetOpenIDConnectProvider(context.Context, *iam.GetOpenIDConnectProviderInput, ...func(*iam.Options)) (*iam.GetOpenIDConnectProviderOutput, error)
	ListSAMLProviders(context.Context, *iam.ListSAMLProvidersInput, ...func(*iam.Options)) (*iam.ListSAMLProvidersOutput, error)
}

// localFilter asks for principals and customer managed policies only. The
// AWS managed policies (over a thousand, with large documents) are fetched
// one by one, and only those something in the account references, so the
// cost grows with pages and distinct attached AWS policies, never with roles.
var localFilter = []iamtypes.EntityType{iamtypes.EntityTypeUser, iamtypes.EntityTypeRole, iamtypes.EntityTypeGroup, iamtypes.EntityTypeLocalManagedPolicy}

// fetchIAM reads IAM into export shape. It keeps going after a failed
// per-item call and returns the first error with what it could read.
func fetchIAM(ctx context.Context, c iamAPI) (iamExport, error) {
	ex := iamExport{
		AccessKeys:  map[string]wireListAccessKeys{},
		KeyLastUsed: map[string]wireAccessKeyLastUsed{},
		OIDCDetail:  map[string]wireGetOIDC{},
	}
	var errs firstError
	details := iam.NewGetAccountAuthorizationDetailsPaginator(c, &iam.GetAccountAuthorizationDetailsInput{Filter: localFilter, MaxItems: aws.Int32(1000)})
	for details.HasMorePages() {
		page, err := details.NextPage(ctx)
		if err != nil {
			// Without the authorization details there is no identity picture.
			return ex, fmt.Errorf("get account authorization details: %w", err)
		}
		var w wireAuthDetails
		if err := recode(page, &w); err != nil {
			return ex, err
		}
		ex.Details.UserDetailList = append(ex.Details.UserDetailList, w.UserDetailList...)
		ex.Details.GroupDetailList = append(ex.Details.GroupDetailList, w.GroupDetailList...)
		ex.Details.RoleDetailList = append(ex.Details.RoleDetailList, w.RoleDetailList...)
		ex.Details.Policies = append(ex.Details.Policies, w.Policies...)
	}
	for _, arn := range referencedAWSPolicies(ex.Details) {
		p, err := fetchAWSPolicy(ctx, c, arn)
		if errs.add(err) {
			continue
		}
		ex.Details.Policies = append(ex.Details.Policies, p)
	}
	roles := iam.NewListRolesPaginator(c, &iam.ListRolesInput{MaxItems: aws.Int32(1000)})
	for roles.HasMorePages() {
		page, err := roles.NextPage(ctx)
		if errs.add(wrap("list roles", err)) {
			break
		}
		var w wireListRoles
		if !errs.add(recode(page, &w)) {
			ex.Roles.Roles = append(ex.Roles.Roles, w.Roles...)
		}
	}
	for _, u := range ex.Details.UserDetailList {
		var keys wireListAccessKeys
		pages := iam.NewListAccessKeysPaginator(c, &iam.ListAccessKeysInput{UserName: aws.String(u.UserName)})
		for pages.HasMorePages() {
			page, err := pages.NextPage(ctx)
			if errs.add(wrap("list access keys", err)) {
				break
			}
			var w wireListAccessKeys
			if !errs.add(recode(page, &w)) {
				keys.AccessKeyMetadata = append(keys.AccessKeyMetadata, w.AccessKeyMetadata...)
			}
		}
		ex.AccessKeys[u.UserName] = keys
		for _, k := range keys.AccessKeyMetadata {
			out, err := c.GetAccessKeyLastUsed(ctx, &iam.GetAccessKeyLastUsedInput{AccessKeyId: aws.String(k.AccessKeyId)})
			if errs.add(wrap("get access key last used", err)) {
				continue
			}
			var w wireAccessKeyLastUsed
			if !errs.add(recode(out, &w)) {
				ex.KeyLastUsed[k.AccessKeyId] = w
			}
		}
	}
	if out, err := c.ListOpenIDConnectProviders(ctx, &iam.ListOpenIDConnectProvidersInput{}); !errs.add(wrap("list oidc providers", err)) && !errs.add(recode(out, &ex.OIDC)) {
		for _, p := range ex.OIDC.OpenIDConnectProviderList {
			out, err := c.GetOpenIDConnectProvider(ctx, &iam.GetOpenIDConnectProviderInput{OpenIDConnectProviderArn: aws.String(p.Arn)})
			if errs.add(wrap("get oidc provider", err)) {
				continue
			}
			var w wireGetOIDC
			if !errs.add(recode(out, &w)) {
				ex.OIDCDetail[p.Arn] = w
			}
		}
	}
	if out, err := c.ListSAMLProviders(ctx, &iam.ListSAMLProvidersInput{}); !errs.add(wrap("list saml providers", err)) {
		errs.add(recode(out, &ex.SAML))
	}
	return ex, errs.err
}

// fetchAWSPolicy reads one AWS managed policy and its default version into
// the shape the authorization details use.
func fetchAWSPolicy(ctx context.Context, c iamAPI, arn string) (wirePolicyDetail, error) {
	var p wirePolicyDetail
	out, err := c.GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: aws.String(arn)})
	if err != nil {
		return p, fmt.Errorf("get policy %s: %w", arn, err)
	}
	if err := recode(out.Policy, &p); err != nil {
		return p, err
	}
	ver, err := c.GetPolicyVersion(ctx, &iam.GetPolicyVersionInput{PolicyArn: aws.String(arn), VersionId: aws.String(p.DefaultVersionId)})
	if err != nil {
		return p, fmt.Errorf("get policy version %s: %w", arn, err)
	}
	var v wirePolicyVersion
	if err := recode(ver.PolicyVersion, &v); err != nil {
		return p, err
	}
	p.PolicyVersionList = []wirePolicyVersion{v}
	return p, nil
}

func isAWSManaged(arn string) bool {
	return strings.Contains(arn, ":iam::aws:policy/")
}

// referencedAWSPolicies lists, sorted, the AWS managed policies attached to
// or bounding a principal in d.
func referencedAWSPolicies(d wireAuthDetails) []string {
	seen := map[string]bool{}
	add := func(arn string) {
		if isAWSManaged(arn) {
			seen[arn] = true
		}
	}
	addAll := func(att []wireAttached, b *wireBoundary) {
		for _, a := range att {
			add(a.PolicyArn)
		}
		if b != nil {
			add(b.PermissionsBoundaryArn)
		}
	}
	for _, r := range d.RoleDetailList {
		addAll(r.AttachedManagedPolicies, r.PermissionsBoundary)
	}
	for _, u := range d.UserDetailList {
		addAll(u.AttachedManagedPolicies, u.PermissionsBoundary)
	}
	for _, g := range d.GroupDetailList {
		addAll(g.AttachedManagedPolicies, nil)
	}
	return sortedKeys(seen)
}
