package normalize

import (
	"fmt"
	"net/netip"
	"sort"
	"strings"

	"go4.org/netipx"

	"github.com/parity-sec/parity/collectors/snapshot"
)

type aclRule struct {
	allow    bool
	proto    string
	from, to int
	prefix   netip.Prefix
}

// aclEffective computes what one direction of a network ACL admits.
// Network ACLs are first-match by rule number, so each address is decided
// by the first entry that covers it; the result is independent of how the
// entries are numbered or split.
func aclEffective(entries []snapshot.ACLEntry, egress bool) ([]any, error) {
	var rules []aclRule
	es := append([]snapshot.ACLEntry(nil), entries...)
	sort.SliceStable(es, func(i, j int) bool { return es[i].RuleNumber < es[j].RuleNumber })
	protos := map[string]bool{}
	for _, e := range es {
		if e.Egress != egress {
			continue
		}
		cidr := e.CIDR
		if cidr == "" {
			cidr = e.IPv6CIDR
		}
		p, err := netip.ParsePrefix(strings.TrimSpace(cidr))
		if err != nil {
			return nil, fmt.Errorf("entry %d: CIDR %q: %w", e.RuleNumber, cidr, err)
		}
		proto := canonicalProtocol(e.Protocol)
		from, to := portRange(proto, e.FromPort, e.ToPort)
		rules = append(rules, aclRule{allow: strings.EqualFold(e.Action, "allow"), proto: proto, from: from, to: to, prefix: p.Masked()})
		if proto != "all" {
			protos[proto] = true
		}
	}
	// The "all" class: what any protocol not named by an entry gets. A
	// named protocol whose every port interval admits exactly that is
	// implied and dropped; otherwise it is written out over its whole port
	// range (an absent range then means nothing is admitted there) and the
	// all-class tuples are written as protocol "other", so that an "all"
	// tuple always means every protocol. A deny on tcp/22 in front of an
	// allow-all therefore stays visible.
	allSet := admitted(rules, "all", 0, 65535)
	names := make([]string, 0, len(protos))
	for p := range protos {
		names = append(names, p)
	}
	sort.Strings(names)
	out := []any{}
	explicit := false
	for _, proto := range names {
		ivs := protocolIntervals(rules, proto)
		sets := make([]*netipx.IPSet, len(ivs))
		implied := true
		for i, iv := range ivs {
			sets[i] = admitted(rules, proto, iv[0], iv[1])
			implied = implied && sets[i].Equal(allSet)
		}
		if implied {
			continue
		}
		explicit = true
		for i, iv := range ivs {
			for _, p := range sets[i].Prefixes() {
				out = append(out, netRule(proto, iv[0], iv[1], p.String()))
			}
		}
	}
	allName := "all"
	if explicit {
		allName = "other"
	}
	for _, p := range allSet.Prefixes() {
		out = append(out, netRule(allName, 0, 65535, p.String()))
	}
	sort.Slice(out, func(i, j int) bool { return ruleKey(out[i]) < ruleKey(out[j]) })
	return mergeAdjacent(out), nil
}

// admitted evaluates first-match over one protocol and port interval.
// "all" entries apply to every protocol; port ranges only to tcp and udp.
func admitted(rules []aclRule, proto string, lo, hi int) *netipx.IPSet {
	var decided, allowed netipx.IPSetBuilder
	ported := proto == "tcp" || proto == "udp"
	for _, r := range rules {
		if r.proto != proto && r.proto != "all" {
			continue
		}
		if ported && r.proto == proto && !(r.from <= lo && hi <= r.to) {
			continue
		}
		if r.allow {
			var b netipx.IPSetBuilder
			b.AddPrefix(r.prefix)
			d, _ := decided.IPSet()
			b.RemoveSet(d)
			s, _ := b.IPSet()
			allowed.AddSet(s)
		}
		decided.AddPrefix(r.prefix)
	}
	set, _ := allowed.IPSet() // prefixes were validated when parsed
	return set
}

// protocolIntervals cuts the port axis of a protocol at every boundary of
// its entries, so each interval is either inside or outside every entry.
func protocolIntervals(rules []aclRule, proto string) [][2]int {
	if proto != "tcp" && proto != "udp" {
		return [][2]int{{-1, -1}}
	}
	cuts := map[int]bool{0: true, 65536: true}
	for _, r := range rules {
		if r.proto == proto {
			cuts[r.from] = true
			cuts[r.to+1] = true
		}
	}
	points := make([]int, 0, len(cuts))
	for c := range cuts {
		points = append(points, c)
	}
	sort.Ints(points)
	var out [][2]int
	for i := 0; i+1 < len(points); i++ {
		out = append(out, [2]int{points[i], points[i+1] - 1})
	}
	return out
}

// mergeAdjacent joins tuples of one protocol and source whose port ranges
// touch, so cutting the axis finely never shows in the result.
func mergeAdjacent(in []any) []any {
	type k struct{ proto, src string }
	last := map[k]map[string]any{}
	out := []any{}
	for _, v := range in {
		m := v.(map[string]any)
		key := k{m["protocol"].(string), m["source"].(string)}
		if prev, ok := last[key]; ok && prev["to_port"].(int)+1 == m["from_port"].(int) {
			prev["to_port"] = m["to_port"]
			continue
		}
		last[key] = m
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return ruleKey(out[i]) < ruleKey(out[j]) })
	return out
}
