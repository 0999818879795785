package snapshottest

import (
	"fmt"
	"strings"
)

// kind numbers the generated resource kinds; the value seeds each
// resource's random stream, so the order is part of the output contract.
type kind int

const (
	kRole kind = iota
	kUser
	kGroup
	kPolicy
	kInstanceProfile
	kSecret
	kParameter
	kKMSKey
	kLogGroup
	kTrail
	kFlowLog
	kVPC
	kSecurityGroup
	kNetworkACL
	kOIDC
	numKinds
)

// weights spread n over the kinds in roughly the proportions of a real
// service account: many roles, parameters and log groups, few trails.
var weights = [numKinds]int{
	kRole: 20, kUser: 4, kGroup: 2, kPolicy: 8, kInstanceProfile: 3,
	kSecret: 9, kParameter: 14, kKMSKey: 4, kLogGroup: 14,
	kFlowLog: 4, kVPC: 4, kSecurityGroup: 11, kNetworkACL: 3,
}

func newGen(n int, seed int64, driftRate, rewriteRate float64) *gen {
	g := &gen{seed: seed, driftRate: driftRate, rewriteRate: rewriteRate}
	if n <= 0 {
		return g
	}
	total := 0
	for _, w := range weights {
		total += w
	}
	for k, w := range weights {
		g.counts[k] = n * w / total
	}
	if n >= 2 {
		g.counts[kOIDC] = 1
	}
	// One trail per 5,000 resources, as accounts usually have one or two.
	g.counts[kTrail] = min(max(n/5000, 1), 10)
	// One flow log per VPC at most: flow logs pair by their VPC's name.
	g.counts[kFlowLog] = min(g.counts[kFlowLog], g.counts[kVPC])
	used := 0
	for _, c := range g.counts {
		used += c
	}
	g.counts[kRole] += n - used
	if g.counts[kRole] < 0 {
		// Tiny n: the fixed trail and OIDC provider eat the budget.
		g.counts[kRole], g.counts[kTrail], g.counts[kOIDC] = 0, min(n, 1), 0
	}
	return g
}

var (
	services   = []string{"payments", "ledger", "billing", "checkout", "fraud", "payouts", "invoices", "kyc", "notify", "reporting", "webhooks", "auth", "search", "catalog", "pricing", "refunds"}
	components = []string{"api", "worker", "scheduler", "consumer", "gateway", "sync", "export", "import", "cache", "db", "stream", "admin"}
	teams      = []string{"payments", "platform", "risk", "data", "growth", "core"}
)

// base is the environment-free stem of resource j of kind k, e.g.
// "ledger-worker-0042"; it is unique per (kind, j).
func base(k kind, j int) string {
	h := mix(uint64(k)<<32 | uint64(j))
	return fmt.Sprintf("%s-%s-%04d", services[h%uint64(len(services))], components[(h>>8)%uint64(len(components))], j)
}

// named appends the environment token: "ledger-worker-0042-staging".
func named(k kind, j int, e env) string { return base(k, j) + "-" + e.name }

func service(k kind, j int) string { return strings.SplitN(base(k, j), "-", 2)[0] }

// regionOf places 70% of regional resources in the first region.
func regionOf(k kind, j int) string {
	if mix(uint64(k)<<40|uint64(j)<<1|1)%10 < 7 {
		return Regions[0]
	}
	return Regions[1]
}

// mix is splitmix64: cheap, stateless, well spread.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// hexID is a per-environment AWS-style id such as "vpc-0a1b2c3d4e5f60718".
func (g *gen) hexID(prefix string, k kind, j int, e env) string {
	h := mix(uint64(g.seed) ^ uint64(k)<<48 ^ uint64(j)<<8 ^ e.salt)
	return fmt.Sprintf("%s-0%016x", prefix, h)[:len(prefix)+18]
}

// keyUUID is a per-environment KMS key id.
func (g *gen) keyUUID(j int, e env) string {
	a := mix(uint64(g.seed) ^ uint64(j)<<8 ^ e.salt)
	b := mix(a)
	return fmt.Sprintf("%08x-%04x-4%03x-a%03x-%012x", a>>32, a>>16&0xffff, a&0xfff, b>>52, b&0xffffffffffff)
}

func (g *gen) keyARN(j int, e env) string {
	return fmt.Sprintf("arn:aws:kms:%s:%s:key/%s", regionOf(kKMSKey, j), e.account, g.keyUUID(j, e))
}

func keyAlias(j int, e env) string { return "alias/" + named(kKMSKey, j, e) }

// keyRef refers to KMS key j as a collector would: by key ARN, or, for the
// alias-spelling rewrite, by alias name. Both must canonicalize alike.
func (g *gen) keyRef(j int, e env, byAlias bool) string {
	if byAlias {
		return keyAlias(j, e)
	}
	return g.keyARN(j, e)
}

func tags(e env, name string) map[string]string {
	return map[string]string{"Name": name, "environment": e.name}
}
