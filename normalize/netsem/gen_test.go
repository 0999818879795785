package netsem

import (
	"math/rand/v2"
	"net/netip"
	"slices"
	"strconv"
)

// gen draws rules only from the universe's pools (see universe_test.go),
// which is what makes the finite oracle check sound.
type gen struct{ r *rand.Rand }

func pick[T any](g gen, xs []T) T { return xs[g.r.IntN(len(xs))] }

func (g gen) portRange() (int, int) {
	if g.r.IntN(4) == 0 {
		return -1, -1
	}
	i := g.r.IntN(len(portCuts) - 1)
	j := i + 1 + g.r.IntN(len(portCuts)-1-i)
	return portCuts[i], portCuts[j] - 1
}

func (g gen) typeCode() (int, int) {
	t, c := -1, -1
	if g.r.IntN(3) > 0 {
		t = pick(g, typePool)
		if g.r.IntN(2) == 0 {
			c = pick(g, codePool)
		}
	}
	return t, c
}

func (g gen) cidr() string {
	if g.r.IntN(3) == 0 {
		return pick(g, baseCIDRs)
	}
	return pick(g, cidrPool)
}

// fields returns a protocol with its ports (tcp, udp) or type and code
// (icmp, icmpv6) as from/to.
func (g gen) fields() (proto string, from, to int) {
	proto = pick(g, protoPool)
	n, all := oracleProtocol(proto)
	switch {
	case all:
		return proto, -1, -1
	case n == 6 || n == 17:
		from, to = g.portRange()
	case n == 1 || n == 58:
		from, to = g.typeCode()
	default:
		from, to = -1, -1
	}
	return proto, from, to
}

func (g gen) sgRule() SGRule {
	proto, from, to := g.fields()
	r := SGRule{Protocol: proto, FromPort: from, ToPort: to}
	if g.r.IntN(6) == 0 {
		r.Peer = pick(g, peerPool)
	} else {
		r.CIDR = g.cidr()
	}
	return r
}

func (g gen) sgRules() []SGRule {
	out := make([]SGRule, 1+g.r.IntN(6))
	for i := range out {
		out[i] = g.sgRule()
	}
	return out
}

func (g gen) aclEntry() ACLEntry {
	proto, from, to := g.fields()
	e := ACLEntry{Protocol: proto, Allow: g.r.IntN(3) > 0, CIDR: g.cidr(), FromPort: -1, ToPort: -1, ICMPType: -1, ICMPCode: -1}
	if n, all := oracleProtocol(proto); !all && (n == 1 || n == 58) {
		e.ICMPType, e.ICMPCode = from, to
	} else {
		e.FromPort, e.ToPort = from, to
	}
	return e
}

// aclEntries returns entries in evaluation order; number assigns rule
// numbers afterwards, so rewrites can work on positions.
func (g gen) aclEntries() []ACLEntry {
	out := make([]ACLEntry, 1+g.r.IntN(6))
	for i := range out {
		out[i] = g.aclEntry()
	}
	if g.r.IntN(2) == 0 {
		out = append(out, ACLEntry{Protocol: "-1", Allow: true, CIDR: pick(g, []string{"0.0.0.0/0", "::/0"}), FromPort: -1, ToPort: -1, ICMPType: -1, ICMPCode: -1})
	}
	return out
}

// number assigns strictly increasing rule numbers with random gaps and
// returns the entries in a random input order (order in the slice has no
// meaning for an ACL).
func (g gen) number(es []ACLEntry) []ACLEntry {
	out := slices.Clone(es)
	n := 0
	for i := range out {
		n += 1 + g.r.IntN(100)
		out[i].RuleNumber = n
	}
	g.r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// spell writes a protocol another way with the same meaning.
func spell(p string) string {
	alt := map[string]string{"-1": "all", "all": "-1", "tcp": "6", "6": "TCP", "udp": "17", "17": "udp",
		"icmp": "1", "1": "icmp", "icmpv6": "58", "58": "icmpv6"}
	if a, ok := alt[p]; ok {
		return a
	}
	return p
}

// splitPorts returns a cut strictly inside a port range, if any.
func (g gen) splitPorts(from, to int) (int, bool) {
	if from == -1 {
		from, to = 0, 65535
	}
	var in []int
	for _, c := range portCuts {
		if from < c && c <= to {
			in = append(in, c)
		}
	}
	if len(in) == 0 {
		return 0, false
	}
	return pick(g, in), true
}

func splitCIDR(c string) (string, string, bool) {
	if c == "" {
		return "", "", false
	}
	lo, hi, ok := halves(netip.MustParsePrefix(c))
	if !ok || !slices.Contains(cidrPool, lo.String()) {
		return "", "", false
	}
	return lo.String(), hi.String(), true
}

// oneBit returns a prefix of the pool differing from c in one bit: the
// sibling of a half, or else a half.
func (g gen) oneBit(c string) string {
	p := netip.MustParsePrefix(c)
	if p.Bits() > 0 {
		parent := netip.PrefixFrom(p.Addr(), p.Bits()-1).Masked()
		if lo, hi, ok := splitCIDR(parent.String()); ok {
			if lo == c {
				return hi
			}
			if hi == c {
				return lo
			}
		}
	}
	if lo, hi, ok := splitCIDR(c); ok {
		return pick(g, []string{lo, hi})
	}
	return g.cidr()
}

// everyProtocol lists all 256 protocol numbers for the all-protocol ↔
// explicit-protocols rewrite.
func everyProtocol() []string {
	out := make([]string, 256)
	for i := range out {
		out[i] = strconv.Itoa(i)
	}
	return out
}
