package collectors

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"
	"github.com/parity-sec/parity/collectors/snapshot"
)

func apiErr(op, code string) error {
	return &smithy.OperationError{ServiceID: "KMS", OperationName: op, Err: &smithy.GenericAPIError{Code: code, Message: "nope"}}
}

func TestCoverageFor(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want snapshot.Coverage
	}{
		{"ok", nil, snapshot.Coverage{Service: "kms", Region: "r", Status: "ok"}},
		{"AccessDeniedException", fmt.Errorf("list keys: %w", apiErr("ListKeys", "AccessDeniedException")),
			snapshot.Coverage{Service: "kms", Region: "r", Status: "denied", Message: "ListKeys: AccessDeniedException: nope"}},
		{"AccessDenied", apiErr("GetAccountAuthorizationDetails", "AccessDenied"),
			snapshot.Coverage{Service: "kms", Region: "r", Status: "denied", Message: "GetAccountAuthorizationDetails: AccessDenied: nope"}},
		{"UnauthorizedOperation", apiErr("DescribeVpcs", "UnauthorizedOperation"),
			snapshot.Coverage{Service: "kms", Region: "r", Status: "denied", Message: "DescribeVpcs: UnauthorizedOperation: nope"}},
		{"other API error", apiErr("ListKeys", "InternalFailure"),
			snapshot.Coverage{Service: "kms", Region: "r", Status: "error", Message: "ListKeys: InternalFailure: nope"}},
		{"plain error", errors.New("dial tcp: no route\nto host"),
			snapshot.Coverage{Service: "kms", Region: "r", Status: "error", Message: "dial tcp: no route to host"}},
		{"export gap", missingError{what: []string{"b not found", "a not found"}},
			snapshot.Coverage{Service: "kms", Region: "r", Status: "missing", Message: "a not found (and 1 more)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, coverageFor("kms", "r", tc.err)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// fakeKMS answers from fixed data and denies GetKeyPolicy for one key.
type fakeKMS struct{ denyPolicy string }

func (fakeKMS) ListKeys(context.Context, *kms.ListKeysInput, ...func(*kms.Options)) (*kms.ListKeysOutput, error) {
	return &kms.ListKeysOutput{Keys: []kmstypes.KeyListEntry{{KeyId: aws.String("k1")}, {KeyId: aws.String("k2")}, {KeyId: aws.String("aws1")}, {KeyId: aws.String("rsa")}}}, nil
}

func (fakeKMS) DescribeKey(_ context.Context, in *kms.DescribeKeyInput, _ ...func(*kms.Options)) (*kms.DescribeKeyOutput, error) {
	manager := kmstypes.KeyManagerTypeCustomer
	if *in.KeyId == "aws1" {
		manager = kmstypes.KeyManagerTypeAws
	}
	spec := kmstypes.KeySpecSymmetricDefault
	if *in.KeyId == "rsa" {
		spec = kmstypes.KeySpecRsa2048
	}
	return &kms.DescribeKeyOutput{KeyMetadata: &kmstypes.KeyMetadata{KeyId: in.KeyId, Arn: aws.String("arn:" + *in.KeyId), KeyManager: manager, KeySpec: spec}}, nil
}

func (fakeKMS) GetKeyRotationStatus(_ context.Context, in *kms.GetKeyRotationStatusInput, _ ...func(*kms.Options)) (*kms.GetKeyRotationStatusOutput, error) {
	if *in.KeyId == "rsa" {
		return nil, apiErr("GetKeyRotationStatus", "UnsupportedOperationException")
	}
	return &kms.GetKeyRotationStatusOutput{KeyRotationEnabled: true}, nil
}

func (f fakeKMS) GetKeyPolicy(_ context.Context, in *kms.GetKeyPolicyInput, _ ...func(*kms.Options)) (*kms.GetKeyPolicyOutput, error) {
	if *in.KeyId == f.denyPolicy {
		return nil, apiErr("GetKeyPolicy", "AccessDeniedException")
	}
	return &kms.GetKeyPolicyOutput{Policy: aws.String(`{"Statement":[]}`)}, nil
}

func (fakeKMS) ListAliases(context.Context, *kms.ListAliasesInput, ...func(*kms.Options)) (*kms.ListAliasesOutput, error) {
	return &kms.ListAliasesOutput{Aliases: []kmstypes.AliasListEntry{{AliasName: aws.String("alias/a"), TargetKeyId: aws.String("k2")}}}, nil
}

func (fakeKMS) ListResourceTags(context.Context, *kms.ListResourceTagsInput, ...func(*kms.Options)) (*kms.ListResourceTagsOutput, error) {
	return &kms.ListResourceTagsOutput{}, nil
}

func (fakeKMS) ListGrants(context.Context, *kms.ListGrantsInput, ...func(*kms.Options)) (*kms.ListGrantsOutput, error) {
	return &kms.ListGrantsOutput{}, nil
}

// TestFetchKMSContinuesAfterDenial: one denied per-key call marks the
// service denied but the other keys are still read in full, AWS managed
// keys are skipped, and rotation is not asked of keys that cannot rotate.
func TestFetchKMSContinuesAfterDenial(t *testing.T) {
	ex, err := fetchKMS(context.Background(), fakeKMS{denyPolicy: "k1"})
	if got := coverageFor("kms", "r", err); got.Status != snapshot.CoverageDenied {
		t.Errorf("coverage %+v, want denied", got)
	}
	want := []snapshot.KMSKey{
		{KeyID: "k1", ARN: "arn:k1", Region: "r", KeyManager: "CUSTOMER", KeySpec: "SYMMETRIC_DEFAULT", RotationEnabled: true},
		{KeyID: "k2", ARN: "arn:k2", Region: "r", Aliases: []string{"alias/a"}, KeyManager: "CUSTOMER", KeySpec: "SYMMETRIC_DEFAULT", RotationEnabled: true, Policy: `{"Statement":[]}`},
		{KeyID: "rsa", ARN: "arn:rsa", Region: "r", KeyManager: "CUSTOMER", KeySpec: "RSA_2048", Policy: `{"Statement":[]}`},
	}
	if diff := cmp.Diff(want, ex.build("r")); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
