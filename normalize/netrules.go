package normalize

import (
	"fmt"
	"net/netip"
	"sort"
	"strings"

	"go4.org/netipx"

	"github.com/parity-sec/parity/collectors/snapshot"
)

// ruleSource is one admitted address set over one port interval.
type ruleSource struct {
	from, to int
	prefix   *netip.Prefix // nil for a named source
	named    string        // "sg:…" or "pl:…"
}

// sgRules canonicalizes rules so that meaning-preserving rewrites compare
// equal: for each protocol the port axis is cut into elementary intervals,
// each interval gets the union of the sources admitted on it (CIDRs merged
// into the fewest prefixes), and adjacent intervals with equal sources join.
func (b *builder) sgRules(rules []snapshot.SGRule, groupNames map[string]string) ([]any, error) {
	byProto := map[string][]ruleSource{}
	for _, r := range rules {
		proto := canonicalProtocol(r.Protocol)
		from, to := portRange(proto, r.FromPort, r.ToPort)
		add := func(s ruleSource) {
			s.from, s.to = from, to
			byProto[proto] = append(byProto[proto], s)
		}
		for _, c := range append(append([]string(nil), r.CIDRs...), r.IPv6CIDRs...) {
			p, err := netip.ParsePrefix(strings.TrimSpace(c))
			if err != nil {
				return nil, fmt.Errorf("CIDR %q: %w", c, err)
			}
			p = p.Masked()
			add(ruleSource{prefix: &p})
		}
		for _, pl := range r.PrefixLists {
			add(ruleSource{named: "pl:" + pl})
		}
		for _, g := range r.Groups {
			add(ruleSource{named: b.groupSource(g, groupNames)})
		}
	}
	// What an all-protocol rule admits is admitted on every port of every
	// protocol, so it is subtracted from the other protocols' sources: a
	// tcp/22 rule next to an all-traffic rule from the same CIDR adds
	// nothing and must not show as a difference.
	var allB netipx.IPSetBuilder
	allNames := map[string]bool{}
	for _, src := range byProto["all"] {
		if src.prefix != nil {
			allB.AddPrefix(*src.prefix)
		} else {
			allNames[src.named] = true
		}
	}
	allSet, _ := allB.IPSet()
	var out []any
	protos := make([]string, 0, len(byProto))
	for p := range byProto {
		protos = append(protos, p)
	}
	sort.Strings(protos)
	for _, proto := range protos {
		if proto == "all" {
			out = append(out, mergeIntervals(proto, byProto[proto], nil, nil)...)
			continue
		}
		out = append(out, mergeIntervals(proto, byProto[proto], allSet, allNames)...)
	}
	sort.Slice(out, func(i, j int) bool { return ruleKey(out[i]) < ruleKey(out[j]) })
	if out == nil {
		out = []any{}
	}
	return out, nil
}

func (b *builder) groupSource(g snapshot.GroupRef, names map[string]string) string {
	acct := b.tok.apply(g.AccountID)
	if g.AccountID != "" && acct != TokenSelfAccount {
		return "sg:" + acct + "/" + g.GroupID
	}
	if n, ok := names[g.GroupID]; ok {
		return "sg:" + n
	}
	if g.GroupName != "" {
		return "sg:" + b.tok.apply(g.GroupName)
	}
	return "sg:" + g.GroupID
}

type interval struct {
	from, to int
	set      *netipx.IPSet
	named    []string
	sig      string
}

// mergeIntervals builds one protocol's tuples, leaving out what except and
// exceptNames (the all-protocol sources) already admit.
func mergeIntervals(proto string, srcs []ruleSource, except *netipx.IPSet, exceptNames map[string]bool) []any {
	// Cut points: every from and every to+1.
	cuts := map[int]bool{}
	for _, s := range srcs {
		cuts[s.from] = true
		cuts[s.to+1] = true
	}
	points := make([]int, 0, len(cuts))
	for c := range cuts {
		points = append(points, c)
	}
	sort.Ints(points)
	var ivs []interval
	for i := 0; i+1 < len(points); i++ {
		lo, hi := points[i], points[i+1]-1
		var sb netipx.IPSetBuilder
		named := map[string]bool{}
		covered := false
		for _, s := range srcs {
			if s.from <= lo && hi <= s.to {
				covered = true
				if s.prefix != nil {
					sb.AddPrefix(*s.prefix)
				} else {
					named[s.named] = true
				}
			}
		}
		if !covered {
			continue
		}
		if except != nil {
			sb.RemoveSet(except)
		}
		for n := range exceptNames {
			delete(named, n)
		}
		set, _ := sb.IPSet() // prefixes were validated when parsed
		iv := interval{from: lo, to: hi, set: set}
		for n := range named {
			iv.named = append(iv.named, n)
		}
		sort.Strings(iv.named)
		iv.sig = signature(iv)
		if k := len(ivs) - 1; k >= 0 && ivs[k].to+1 == lo && ivs[k].sig == iv.sig {
			ivs[k].to = hi
			continue
		}
		ivs = append(ivs, iv)
	}
	var out []any
	for _, iv := range ivs {
		for _, p := range iv.set.Prefixes() {
			out = append(out, netRule(proto, iv.from, iv.to, p.String()))
		}
		for _, n := range iv.named {
			out = append(out, netRule(proto, iv.from, iv.to, n))
		}
	}
	return out
}

func signature(iv interval) string {
	var b strings.Builder
	for _, p := range iv.set.Prefixes() {
		b.WriteString(p.String())
		b.WriteByte(',')
	}
	b.WriteByte('|')
	b.WriteString(strings.Join(iv.named, ","))
	return b.String()
}

func netRule(proto string, from, to int, source string) map[string]any {
	return map[string]any{"protocol": proto, "from_port": from, "to_port": to, "source": source}
}

func ruleKey(v any) string {
	m := v.(map[string]any)
	return fmt.Sprintf("%s|%06d|%06d|%s", m["protocol"], m["from_port"].(int)+1, m["to_port"].(int)+1, m["source"])
}

// canonicalPrefixes merges a CIDR list into its fewest prefixes.
func canonicalPrefixes(cidrs []string) ([]any, error) {
	var sb netipx.IPSetBuilder
	for _, c := range cidrs {
		p, err := netip.ParsePrefix(strings.TrimSpace(c))
		if err != nil {
			return nil, fmt.Errorf("CIDR %q: %w", c, err)
		}
		sb.AddPrefix(p.Masked())
	}
	set, err := sb.IPSet()
	if err != nil {
		return nil, err
	}
	out := []any{}
	for _, p := range set.Prefixes() {
		out = append(out, p.String())
	}
	return out, nil
}
