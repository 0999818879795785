package collectors

import (
	"context"
	"net/url"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/parity-sec/parity/collectors/snapshot"
)

// fakeIAM serves two pages of authorization details and counts calls.
type fakeIAM struct{ calls map[string]int }

const awsPolicy = "arn:aws:iam::aws:policy/ViewOnlyAccess"

func enc(doc string) *string { return aws.String(url.QueryEscape(doc)) }

func (f *fakeIAM) GetAccountAuthorizationDetails(_ context.Context, in *iam.GetAccountAuthorizationDetailsInput, _ ...func(*iam.Options)) (*iam.GetAccountAuthorizationDetailsOutput, error) {
	f.calls["GetAccountAuthorizationDetails"]++
	if in.Marker == nil {
		return &iam.GetAccountAuthorizationDetailsOutput{
			IsTruncated: true, Marker: aws.String("page2"),
			RoleDetailList: []iamtypes.RoleDetail{{
				RoleName: aws.String("r1"), Arn: aws.String("arn:aws:iam::111111111111:role/r1"),
				AssumeRolePolicyDocument: enc(`{"Statement":[]}`),
				AttachedManagedPolicies:  []iamtypes.AttachedPolicy{{PolicyArn: aws.String(awsPolicy)}},
			}},
		}, nil
	}
	return &iam.GetAccountAuthorizationDetailsOutput{
		UserDetailList: []iamtypes.UserDetail{{UserName: aws.String("u1"), Arn: aws.String("arn:aws:iam::111111111111:user/u1")}},
		Policies: []iamtypes.ManagedPolicyDetail{{
			PolicyName: aws.String("local"), Arn: aws.String("arn:aws:iam::111111111111:policy/local"), DefaultVersionId: aws.String("v2"),
			PolicyVersionList: []iamtypes.PolicyVersion{
				{VersionId: aws.String("v1"), Document: enc(`{"Old":1}`)},
				{VersionId: aws.String("v2"), IsDefaultVersion: true, Document: enc(`{"New":2}`)},
			},
		}},
	}, nil
}

func (f *fakeIAM) ListRoles(context.Context, *iam.ListRolesInput, ...func(*iam.Options)) (*iam.ListRolesOutput, error) {
	f.calls["ListRoles"]++
	return &iam.ListRolesOutput{Roles: []iamtypes.Role{{RoleName: aws.String("r1"), MaxSessionDuration: aws.Int32(43200)}}}, nil
}

func (f *fakeIAM) GetPolicy(_ context.Context, in *iam.GetPolicyInput, _ ...func(*iam.Options)) (*iam.GetPolicyOutput, error) {
	f.calls["GetPolicy"]++
	return &iam.GetPolicyOutput{Policy: &iamtypes.Policy{PolicyName: aws.String("ViewOnlyAccess"), Arn: in.PolicyArn, Path: aws.String("/job-function/"), DefaultVersionId: aws.String("v9"), AttachmentCount: aws.Int32(1)}}, nil
}

func (f *fakeIAM) GetPolicyVersion(_ context.Context, in *iam.GetPolicyVersionInput, _ ...func(*iam.Options)) (*iam.GetPolicyVersionOutput, error) {
	f.calls["GetPolicyVersion"]++
	return &iam.GetPolicyVersionOutput{PolicyVersion: &iamtypes.PolicyVersion{VersionId: in.VersionId, IsDefaultVersion: true, Document: enc(`{"View":true}`)}}, nil
}

func (f *fakeIAM) ListAccessKeys(context.Context, *iam.ListAccessKeysInput, ...func(*iam.Options)) (*iam.ListAccessKeysOutput, error) {
	f.calls["ListAccessKeys"]++
	return &iam.ListAccessKeysOutput{AccessKeyMetadata: []iamtypes.AccessKeyMetadata{{AccessKeyId: aws.String("AKIAEXAMPLEKEY1234"), Status: iamtypes.StatusTypeInactive}}}, nil
}

func (f *fakeIAM) GetAccessKeyLastUsed(context.Context, *iam.GetAccessKeyLastUsedInput, ...func(*iam.Options)) (*iam.GetAccessKeyLastUsedOutput, error) {
	f.calls["GetAccessKeyLastUsed"]++
	return &iam.GetAccessKeyLastUsedOutput{AccessKeyLastUsed: &iamtypes.AccessKeyLastUsed{ServiceName: aws.String("N/A"), Region: aws.String("N/A")}}, nil
}

func (f *fakeIAM) ListOpenIDConnectProviders(context.Context, *iam.ListOpenIDConnectProvidersInput, ...func(*iam.Options)) (*iam.ListOpenIDConnectProvidersOutput, error) {
	f.calls["ListOpenIDConnectProviders"]++
	return &iam.ListOpenIDConnectProvidersOutput{}, nil
}

func (f *fakeIAM) GetOpenIDConnectProvider(context.Context, *iam.GetOpenIDConnectProviderInput, ...func(*iam.Options)) (*iam.GetOpenIDConnectProviderOutput, error) {
	f.calls["GetOpenIDConnectProvider"]++
	return &iam.GetOpenIDConnectProviderOutput{}, nil
}

func (f *fakeIAM) ListSAMLProviders(context.Context, *iam.ListSAMLProvidersInput, ...func(*iam.Options)) (*iam.ListSAMLProvidersOutput, error) {
	f.calls["ListSAMLProviders"]++
	return &iam.ListSAMLProvidersOutput{}, nil
}

// TestFetchIAMPages follows the details' pages, fetches the one referenced
// AWS managed policy, picks default policy versions, decodes URL-encoded
// documents and keeps four characters of the access key id.
func TestFetchIAMPages(t *testing.T) {
	f := &fakeIAM{calls: map[string]int{}}
	ex, err := fetchIAM(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	want := snapshot.Identity{
		Roles: []snapshot.Role{{Name: "r1", ARN: "arn:aws:iam::111111111111:role/r1", TrustPolicy: `{"Statement":[]}`,
			AttachedPolicies: []string{awsPolicy}, MaxSessionDuration: 43200}},
		Users: []snapshot.User{{Name: "u1", ARN: "arn:aws:iam::111111111111:user/u1",
			AccessKeys: []snapshot.AccessKey{{IDSuffix: "1234", Status: "Inactive"}}}},
		Policies: []snapshot.ManagedPolicy{
			{Name: "local", ARN: "arn:aws:iam::111111111111:policy/local", Document: `{"New":2}`},
			{Name: "ViewOnlyAccess", ARN: awsPolicy, Path: "/job-function/", AWSManaged: true, AttachmentCount: 1, Document: `{"View":true}`},
		},
	}
	if diff := cmp.Diff(want, ex.build(), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("identity (-want +got):\n%s", diff)
	}
	wantCalls := map[string]int{
		"GetAccountAuthorizationDetails": 2, "ListRoles": 1, "GetPolicy": 1, "GetPolicyVersion": 1,
		"ListAccessKeys": 1, "GetAccessKeyLastUsed": 1, "ListOpenIDConnectProviders": 1, "ListSAMLProviders": 1,
	}
	if diff := cmp.Diff(wantCalls, f.calls); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
}
