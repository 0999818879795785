package collectors

import (
	"context"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/parity-sec/parity/collectors/snapshot"
)

type kmsAPI interface {
	ListKeys(context.Context, *kms.ListKeysInput, ...func(*kms.Options)) (*kms.ListKeysOutput, error)
	DescribeKey(context.Context, *kms.DescribeKeyInput, ...func(*kms.Options)) (*kms.DescribeKeyOutput, error)
	GetKeyRotationStatus(context.Context, *kms.GetKeyRotationStatusInput, ...func(*kms.Options)) (*kms.GetKeyRotationStatusOutput, error)
	GetKeyPolicy(context.Context, *kms.GetKeyPolicyInput, ...func(*kms.Options)) (*kms.GetKeyPolicyOutput, error)
	ListAliases(context.Context, *kms.ListAliasesInput, ...func(*kms.Options)) (*kms.ListAliasesOutput, error)
	ListResourceTags(context.Context, *kms.ListResourceTagsInput, ...func(*kms.Options)) (*kms.ListResourceTagsOutput, error)
	ListGrants(context.Context, *kms.ListGrantsInput, ...func(*kms.Options)) (*kms.ListGrantsOutput, error)
}

type wireListKeys struct {
	Keys []struct{ KeyId string }
}

type wireDescribeKey struct {
	KeyMetadata struct {
		KeyId       string
		Arn         string
		Description string
		KeyManager  string
		KeyState    string
		KeySpec     string
		Origin      string
	}
}

// rotationApplies says whether GetKeyRotationStatus can answer for a key:
// AWS refuses it for asymmetric, HMAC and imported keys and for keys
// pending deletion, and those answers are not coverage gaps.
func (d wireDescribeKey) rotationApplies() bool {
	m := d.KeyMetadata
	return (m.KeySpec == "" || m.KeySpec == "SYMMETRIC_DEFAULT") &&
		(m.Origin == "" || m.Origin == "AWS_KMS") &&
		!strings.HasPrefix(m.KeyState, "Pending")
}

type wireRotation struct {
	KeyRotationEnabled bool
}

type wireKeyPolicy struct {
	Policy snapshot.Document
}

type wireListAliases struct {
	Aliases []struct {
		AliasName   string
		TargetKeyId string
	}
}

type wireResourceTags struct {
	Tags []struct {
		TagKey   string
		TagValue string
	}
}

// wireGrants is ListGrants' answer. Grant tokens are not part of it.
type wireGrants struct {
	Grants []struct {
		GrantId           string
		Name              string
		GranteePrincipal  string
		RetiringPrincipal string
		IssuingAccount    string
		Operations        []string
	}
}

type kmsExport struct {
	Keys     wireListKeys                // kms-list-keys
	Aliases  wireListAliases             // kms-list-aliases
	Describe map[string]wireDescribeKey  // kms-describe-key, by key id
	Rotation map[string]wireRotation     // kms-get-key-rotation-status, by key id (customer keys where rotation applies)
	Policy   map[string]wireKeyPolicy    // kms-get-key-policy, by key id (customer keys)
	Tags     map[string]wireResourceTags // kms-list-resource-tags, by key id (customer keys)
	Grants   map[string]wireGrants       // kms-list-grants, by key id (customer keys); optional
}

func fetchKMS(ctx context.Context, c kmsAPI) (kmsExport, error) {
	ex := kmsExport{
		Describe: map[string]wireDescribeKey{},
		Rotation: map[string]wireRotation{},
		Policy:   map[string]wireKeyPolicy{},
		Tags:     map[string]wireResourceTags{},
		Grants:   map[string]wireGrants{},
	}
	keys := kms.NewListKeysPaginator(c, &kms.ListKeysInput{Limit: aws.Int32(1000)})
	for keys.HasMorePages() {
		page, err := keys.NextPage(ctx)
		if err != nil {
			return ex, wrap("list keys", err)
		}
		var w wireListKeys
		if err := recode(page, &w); err != nil {
			return ex, err
		}
		ex.Keys.Keys = append(ex.Keys.Keys, w.Keys...)
	}
	var errs firstError
	aliases := kms.NewListAliasesPaginator(c, &kms.ListAliasesInput{Limit: aws.Int32(100)})
	for aliases.HasMorePages() {
		page, err := aliases.NextPage(ctx)
		if errs.add(wrap("list aliases", err)) {
			break
		}
		var w wireListAliases
		if !errs.add(recode(page, &w)) {
			ex.Aliases.Aliases = append(ex.Aliases.Aliases, w.Aliases...)
		}
	}
	for _, k := range ex.Keys.Keys {
		id := aws.String(k.KeyId)
		out, err := c.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: id})
		if errs.add(wrap("describe key", err)) {
			continue
		}
		var d wireDescribeKey
		if errs.add(recode(out, &d)) {
			continue
		}
		ex.Describe[k.KeyId] = d
		if d.KeyMetadata.KeyManager == "AWS" {
			continue // AWS managed keys are referenced, never listed
		}
		if d.rotationApplies() {
			if out, err := c.GetKeyRotationStatus(ctx, &kms.GetKeyRotationStatusInput{KeyId: id}); !errs.add(wrap("get key rotation status", err)) {
				var w wireRotation
				if !errs.add(recode(out, &w)) {
					ex.Rotation[k.KeyId] = w
				}
			}
		}
		if out, err := c.GetKeyPolicy(ctx, &kms.GetKeyPolicyInput{KeyId: id, PolicyName: aws.String("default")}); !errs.add(wrap("get key policy", err)) {
			var w wireKeyPolicy
			if !errs.add(recode(out, &w)) {
				ex.Policy[k.KeyId] = w
			}
		}
		var tags wireResourceTags
		pages := kms.NewListResourceTagsPaginator(c, &kms.ListResourceTagsInput{KeyId: id})
		for pages.HasMorePages() {
			page, err := pages.NextPage(ctx)
			if errs.add(wrap("list resource tags", err)) {
				break
			}
			var w wireResourceTags
			if !errs.add(recode(page, &w)) {
				tags.Tags = append(tags.Tags, w.Tags...)
			}
		}
		ex.Tags[k.KeyId] = tags
		var grants wireGrants
		gp := kms.NewListGrantsPaginator(c, &kms.ListGrantsInput{KeyId: id, Limit: aws.Int32(100)})
		for gp.HasMorePages() {
			page, err := gp.NextPage(ctx)
			if errs.add(wrap("list grants", err)) {
				break
			}
			var w wireGrants
			if !errs.add(recode(page, &w)) {
				grants.Grants = append(grants.Grants, w.Grants...)
			}
		}
		ex.Grants[k.KeyId] = grants
	}
	return ex, errs.err
}

func (ex kmsExport) build(region string) []snapshot.KMSKey {
	aliases := map[string][]string{}
	for _, a := range ex.Aliases.Aliases {
		if a.TargetKeyId != "" {
			aliases[a.TargetKeyId] = append(aliases[a.TargetKeyId], a.AliasName)
		}
	}
	var out []snapshot.KMSKey
	for _, k := range ex.Keys.Keys {
		d, ok := ex.Describe[k.KeyId]
		if !ok || d.KeyMetadata.KeyManager == "AWS" {
			continue
		}
		m := d.KeyMetadata
		key := snapshot.KMSKey{
			KeyID:           k.KeyId,
			ARN:             m.Arn,
			Region:          region,
			Aliases:         sortedCopy(aliases[k.KeyId]),
			Description:     m.Description,
			KeyManager:      m.KeyManager,
			KeyState:        m.KeyState,
			KeySpec:         m.KeySpec,
			RotationEnabled: ex.Rotation[k.KeyId].KeyRotationEnabled,
			Policy:          ex.Policy[k.KeyId].Policy,
		}
		for _, t := range ex.Tags[k.KeyId].Tags {
			if key.Tags == nil {
				key.Tags = map[string]string{}
			}
			key.Tags[t.TagKey] = t.TagValue
		}
		for _, g := range ex.Grants[k.KeyId].Grants {
			key.Grants = append(key.Grants, snapshot.KMSGrant{
				GrantID: g.GrantId, Name: g.Name, GranteePrincipal: g.GranteePrincipal,
				RetiringPrincipal: g.RetiringPrincipal, IssuingAccount: g.IssuingAccount,
				Operations: sortedCopy(g.Operations),
			})
		}
		sort.Slice(key.Grants, func(i, j int) bool { return key.Grants[i].GrantID < key.Grants[j].GrantID })
		out = append(out, key)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ARN < out[j].ARN })
	return out
}
