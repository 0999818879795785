package normalize

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/parity-sec/parity/collectors/snapshot"
)

// sinks adds what decides where an environment's data may go and who may
// use its keys: log destinations with their access policies, the log-sink
// buckets with theirs, and the account's own bucket names.
func (b *builder) sinks(s *snapshot.Snapshot) error {
	for _, d := range s.Logging.Destinations {
		policy, err := b.document(d.AccessPolicy)
		if err != nil {
			return fmt.Errorf("log destination %s: access_policy: %w", d.Name, err)
		}
		r := b.add(KindLogDestination, d.Region, b.tok.apply(d.Name), map[string]any{
			"target": b.tok.apply(d.TargetARN),
			"policy": b.comp.compile([]*doc{policy}).grants,
		}, info("name", d.Name, "arn", d.ARN, "target_arn", d.TargetARN, "role_arn", d.RoleARN))
		r.setPolicy("policy", b.comp.compile([]*doc{policy}))
	}
	b.env.OwnedBuckets = make(map[string]bool, len(s.Logging.Buckets))
	for _, bk := range s.Logging.Buckets {
		b.env.OwnedBuckets[bk.Name] = true
		// Only log sinks carry a policy; other buckets are known by name.
		if bk.Policy == "" {
			continue
		}
		policy, err := b.document(bk.Policy)
		if err != nil {
			return fmt.Errorf("bucket %s: policy: %w", bk.Name, err)
		}
		r := b.add(KindBucket, "", b.tok.apply(bk.Name), map[string]any{
			"policy": b.comp.compile([]*doc{policy}).grants,
		}, info("name", bk.Name, "arn", "arn:aws:s3:::"+bk.Name))
		r.setPolicy("policy", b.comp.compile([]*doc{policy}))
	}
	return nil
}

// kmsGrants canonicalizes a key's grants to {grantee, operations} pairs:
// the grant id and name are random or free text and carry no access.
func (b *builder) kmsGrants(gs []snapshot.KMSGrant) []any {
	seen := map[string]bool{}
	out := make([]any, 0, len(gs))
	for _, g := range gs {
		ops := make([]string, len(g.Operations))
		for i, o := range g.Operations {
			ops[i] = "kms:" + strings.ToLower(o)
		}
		v := map[string]any{"grantee": b.tok.arn(g.GranteePrincipal), "operations": stringSet(ops)}
		k, _ := json.Marshal(v)
		if !seen[string(k)] {
			seen[string(k)] = true
			out = append(out, v)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, _ := json.Marshal(out[i])
		c, _ := json.Marshal(out[j])
		return string(a) < string(c)
	})
	return out
}

// grantInfo keeps the grants as collected, for evidence.
func grantInfo(gs []snapshot.KMSGrant) []any {
	out := make([]any, 0, len(gs))
	for _, g := range gs {
		ops := make([]any, len(g.Operations))
		for i, o := range g.Operations {
			ops[i] = o
		}
		out = append(out, info("grant_id", g.GrantID, "name", g.Name, "grantee", g.GranteePrincipal,
			"issuing_account", g.IssuingAccount, "operations", ops))
	}
	return out
}

func rawDestinations(fs []snapshot.SubscriptionFilter) []any {
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		out = append(out, f.DestinationARN)
	}
	return stringSet(out)
}
