package collectors

import (
	"context"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/ssm"
	"github.com/parity-sec/parity/collectors/snapshot"
)

// Secret sources are read as metadata only: ListSecrets and DescribeParameters
// never return values, and the allowlist refuses the calls that would.

type secretsAPI interface {
	ListSecrets(context.Context, *secretsmanager.ListSecretsInput, ...func(*secretsmanager.Options)) (*secretsmanager.ListSecretsOutput, error)
	GetResourcePolicy(context.Context, *secretsmanager.GetResourcePolicyInput, ...func(*secretsmanager.Options)) (*secretsmanager.GetResourcePolicyOutput, error)
}

type wireListSecrets struct {
	SecretList []struct {
		Name             string
		ARN              string
		KmsKeyId         string
		RotationEnabled  bool
		RotationRules    *struct{ AutomaticallyAfterDays int }
		LastRotatedDate  cliTime
		LastAccessedDate cliTime
		Tags             []wireTag
	}
}

type wireResourcePolicy struct {
	ResourcePolicy snapshot.Document
}

type secretsExport struct {
	List     wireListSecrets               // secretsmanager-list-secrets
	Policies map[string]wireResourcePolicy // secretsmanager-get-resource-policy, by secret ARN
}

func fetchSecrets(ctx context.Context, c secretsAPI) (secretsExport, error) {
	ex := secretsExport{Policies: map[string]wireResourcePolicy{}}
	pages := secretsmanager.NewListSecretsPaginator(c, &secretsmanager.ListSecretsInput{MaxResults: aws.Int32(100)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return ex, wrap("list secrets", err)
		}
		var w wireListSecrets
		if err := recode(page, &w); err != nil {
			return ex, err
		}
		ex.List.SecretList = append(ex.List.SecretList, w.SecretList...)
	}
	var errs firstError
	for _, s := range ex.List.SecretList {
		out, err := c.GetResourcePolicy(ctx, &secretsmanager.GetResourcePolicyInput{SecretId: aws.String(s.ARN)})
		if errs.add(wrap("get resource policy", err)) {
			continue
		}
		var w wireResourcePolicy
		if !errs.add(recode(out, &w)) {
			ex.Policies[s.ARN] = w
		}
	}
	return ex, errs.err
}

func (ex secretsExport) build(region string) []snapshot.Secret {
	var out []snapshot.Secret
	for _, s := range ex.List.SecretList {
		sec := snapshot.Secret{
			Name:            s.Name,
			ARN:             s.ARN,
			Region:          region,
			KMSKeyID:        s.KmsKeyId,
			RotationEnabled: s.RotationEnabled,
			LastRotated:     s.LastRotatedDate.ptr(),
			LastAccessed:    s.LastAccessedDate.ptr(),
			ResourcePolicy:  ex.Policies[s.ARN].ResourcePolicy,
			Tags:            tagMap(s.Tags),
		}
		if s.RotationRules != nil {
			sec.RotationDays = s.RotationRules.AutomaticallyAfterDays
		}
		out = append(out, sec)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ARN < out[j].ARN })
	return out
}

type ssmAPI interface {
	DescribeParameters(context.Context, *ssm.DescribeParametersInput, ...func(*ssm.Options)) (*ssm.DescribeParametersOutput, error)
}

type wireDescribeParameters struct {
	Parameters []struct {
		Name             string
		Type             string
		KeyId            string
		Tier             string
		LastModifiedDate cliTime
	}
}

type ssmExport struct {
	Parameters wireDescribeParameters // ssm-describe-parameters
}

func fetchSSM(ctx context.Context, c ssmAPI) (ssmExport, error) {
	var ex ssmExport
	pages := ssm.NewDescribeParametersPaginator(c, &ssm.DescribeParametersInput{MaxResults: aws.Int32(50)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return ex, wrap("describe parameters", err)
		}
		var w wireDescribeParameters
		if err := recode(page, &w); err != nil {
			return ex, err
		}
		ex.Parameters.Parameters = append(ex.Parameters.Parameters, w.Parameters...)
	}
	return ex, nil
}

func (ex ssmExport) build(region string) []snapshot.Parameter {
	var out []snapshot.Parameter
	for _, p := range ex.Parameters.Parameters {
		out = append(out, snapshot.Parameter{
			Name:         p.Name,
			Region:       region,
			Type:         p.Type,
			KMSKeyID:     p.KeyId,
			Tier:         p.Tier,
			LastModified: p.LastModifiedDate.ptr(),
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
