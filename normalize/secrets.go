package normalize

import (
	"fmt"
	"strings"

	"github.com/parity-sec/parity/collectors/snapshot"
)

func (b *builder) secrets(s *snapshot.Snapshot) error {
	for _, sec := range s.Secrets.Secrets {
		policy, err := b.document(sec.ResourcePolicy)
		if err != nil {
			return fmt.Errorf("secret %s: resource_policy: %w", sec.Name, err)
		}
		days := sec.RotationDays
		if !sec.RotationEnabled {
			days = 0
		}
		r := b.add(KindSecret, sec.Region, b.tok.apply(sec.Name), map[string]any{
			"rotation_enabled": sec.RotationEnabled,
			"rotation_days":    days,
			"kms_key":          b.kms.ref(sec.KMSKeyID, KeyAWSManaged),
			"resource_policy":  b.comp.compile([]*doc{policy}).grants,
			"replicas":         stringSet(sec.Replicas),
		}, info("name", sec.Name, "arn", sec.ARN, "kms_key_id", sec.KMSKeyID, "last_rotated", timeValue(sec.LastRotated),
			"last_accessed", timeValue(sec.LastAccessed)))
		r.setPolicy("resource_policy", b.comp.compile([]*doc{policy}), "secretsmanager")
	}
	for _, p := range s.Secrets.Parameters {
		key := KeyNone
		if strings.EqualFold(p.Type, "SecureString") {
			key = b.kms.ref(p.KMSKeyID, KeyAWSManaged)
		}
		tier := p.Tier
		if tier == "" {
			tier = "Standard"
		}
		b.add(KindParameter, p.Region, b.tok.apply(p.Name), map[string]any{
			"type":    p.Type,
			"kms_key": key,
			"tier":    tier,
		}, info("name", p.Name, "kms_key_id", p.KMSKeyID, "last_modified", timeValue(p.LastModified)))
	}
	for _, k := range s.Secrets.KMSKeys {
		if strings.EqualFold(k.KeyManager, "AWS") {
			continue
		}
		policy, err := b.document(k.Policy)
		if err != nil {
			return fmt.Errorf("kms key %s: policy: %w", k.KeyID, err)
		}
		name := canonicalAlias(k.Aliases, b.tok)
		if name == "" {
			name = k.KeyID
		}
		r := b.add(KindKMSKey, k.Region, name, map[string]any{
			"rotation_enabled": k.RotationEnabled,
			"key_manager":      strings.ToUpper(k.KeyManager),
			"key_state":        k.KeyState,
			"key_spec":         k.KeySpec,
			"policy":           b.comp.compile([]*doc{policy}).grants,
			"aliases":          b.tok.strs(k.Aliases),
			"grants":           b.kmsGrants(k.Grants),
		}, info("name", k.KeyID, "id", k.KeyID, "arn", k.ARN, "description", k.Description, "grants", grantInfo(k.Grants)))
		r.setPolicy("policy", b.comp.compile([]*doc{policy}), "kms")
	}
	return nil
}
