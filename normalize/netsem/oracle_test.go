package netsem

import (
	"net/netip"
	"slices"
	"strconv"
	"strings"
)

// The oracle evaluates rules directly on one packet, the way AWS documents
// it, sharing no code with the set construction it checks.

func oracleProtocol(s string) (n int, all bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "-1", "all":
		return 0, true
	case "tcp":
		return 6, false
	case "udp":
		return 17, false
	case "icmp":
		return 1, false
	case "icmpv6":
		return 58, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		panic("oracle: bad protocol " + s)
	}
	return n, false
}

// oracleFields matches a packet's protocol-specific fields against a rule
// of protocol proto.
func oracleFields(proto string, from, to, typ, code int, p Packet) bool {
	n, all := oracleProtocol(proto)
	if all {
		return true
	}
	if n != p.Protocol {
		return false
	}
	switch n {
	case 6, 17:
		return (from == -1 && to == -1) || (from <= p.Port && p.Port <= to)
	case 1, 58:
		return (typ == -1 || typ == p.ICMPType) && (code == -1 || code == p.ICMPCode)
	}
	return true
}

func oraclePeer(cidr, peer string, p Packet) bool {
	if p.Peer != "" || peer != "" {
		return peer != "" && peer == p.Peer
	}
	return netip.MustParsePrefix(cidr).Masked().Contains(p.Addr)
}

func oracleSG(rules []SGRule, p Packet) bool {
	for _, r := range rules {
		if oracleFields(r.Protocol, r.FromPort, r.ToPort, r.FromPort, r.ToPort, p) && oraclePeer(r.CIDR, r.Peer, p) {
			return true
		}
	}
	return false
}

// oracleACL returns the first-match evaluator of an ACL direction.
func oracleACL(entries []ACLEntry) func(Packet) bool {
	es := slices.Clone(entries)
	slices.SortFunc(es, func(a, b ACLEntry) int { return a.RuleNumber - b.RuleNumber })
	return func(p Packet) bool {
		for _, e := range es {
			if oracleFields(e.Protocol, e.FromPort, e.ToPort, e.ICMPType, e.ICMPCode, p) && oraclePeer(e.CIDR, "", p) {
				return e.Allow
			}
		}
		return false
	}
}
