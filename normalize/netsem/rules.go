package netsem

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go4.org/netipx"
)

// SGRule is one security-group rule with a single source (ingress) or
// destination (egress): either CIDR (IPv4 or IPv6) or Peer ("sg:…" or
// "pl:…"). Protocol is "-1"/"all", a name (tcp, udp, icmp, icmpv6) or a
// number 0-255. For tcp and udp FromPort-ToPort is the port range (-1/-1
// for all ports); for icmp and icmpv6 FromPort is the type and ToPort the
// code, -1 meaning any; other protocols ignore the ports.
type SGRule struct {
	Protocol         string
	FromPort, ToPort int
	CIDR             string
	Peer             string
}

// ACLEntry is one network ACL entry of one direction. CIDR is an IPv4 or
// IPv6 block. FromPort-ToPort applies to tcp and udp (-1/-1 for all ports);
// ICMPType and ICMPCode to icmp and icmpv6 (-1 for any).
type ACLEntry struct {
	RuleNumber       int
	Protocol         string
	Allow            bool
	CIDR             string
	FromPort, ToPort int
	ICMPType         int
	ICMPCode         int
}

// FromSG returns what a security group's rules of one direction admit: a
// packet is admitted when any rule matches it.
func FromSG(rules []SGRule) (Set, error) {
	var s Set
	for i, r := range rules {
		b, err := sgBox(r)
		if err != nil {
			return Set{}, fmt.Errorf("rule %d: %w", i, err)
		}
		s = s.Union(b)
	}
	return s, nil
}

func sgBox(r SGRule) (Set, error) {
	lo, hi, err := parseProtocol(r.Protocol)
	if err != nil {
		return Set{}, err
	}
	ps, err := parsePeer(r.CIDR, r.Peer)
	if err != nil {
		return Set{}, err
	}
	keys, err := keyIntervals(lo, r.FromPort, r.ToPort, r.FromPort, r.ToPort)
	if err != nil {
		return Set{}, err
	}
	return box(lo, hi, keys, ps), nil
}

// FromACL returns what one direction of a network ACL admits. Entries are
// evaluated in ascending rule number and the first entry that matches a
// packet decides it; a packet no entry matches is denied (the "*" rule).
// The set is built the same way: each entry allows or denies what it
// matches minus what earlier entries already decided.
func FromACL(entries []ACLEntry) (Set, error) {
	es := slices.Clone(entries)
	slices.SortStableFunc(es, func(a, b ACLEntry) int { return a.RuleNumber - b.RuleNumber })
	var allowed, decided Set
	for i, e := range es {
		if e.RuleNumber < 1 || e.RuleNumber > 32767 {
			return Set{}, fmt.Errorf("entry %d: rule number out of range: want 1-32767", e.RuleNumber)
		}
		if i > 0 && es[i-1].RuleNumber == e.RuleNumber {
			// Two entries with one number have no defined order.
			return Set{}, fmt.Errorf("entry %d: duplicate rule number", e.RuleNumber)
		}
		b, err := aclBox(e)
		if err != nil {
			return Set{}, fmt.Errorf("entry %d: %w", e.RuleNumber, err)
		}
		if e.Allow {
			allowed = allowed.Union(b.Minus(decided))
		}
		decided = decided.Union(b)
	}
	return allowed, nil
}

func aclBox(e ACLEntry) (Set, error) {
	lo, hi, err := parseProtocol(e.Protocol)
	if err != nil {
		return Set{}, err
	}
	if e.CIDR == "" {
		return Set{}, fmt.Errorf("no CIDR")
	}
	ps, err := parsePeer(e.CIDR, "")
	if err != nil {
		return Set{}, err
	}
	keys, err := keyIntervals(lo, e.FromPort, e.ToPort, e.ICMPType, e.ICMPCode)
	if err != nil {
		return Set{}, err
	}
	return box(lo, hi, keys, ps), nil
}

// parseProtocol returns the protocol range a rule's protocol names.
func parseProtocol(s string) (lo, hi int, err error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "-1", "all":
		return 0, maxProto, nil
	case "tcp":
		return protoTCP, protoTCP, nil
	case "udp":
		return protoUDP, protoUDP, nil
	case "icmp":
		return protoICMP, protoICMP, nil
	case "icmpv6":
		return protoICMPv6, protoICMPv6, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 || n > maxProto {
		return 0, 0, fmt.Errorf("protocol %s: want -1, tcp, udp, icmp, icmpv6 or a number 0-255", quote(s))
	}
	return n, n, nil
}

// parsePeer reads a rule's single source: a CIDR or a symbolic reference.
func parsePeer(cidr, peer string) (peers, error) {
	switch {
	case cidr != "" && peer != "":
		return peers{}, fmt.Errorf("both CIDR %s and peer %s", quote(cidr), quote(peer))
	case peer != "":
		kind, name, _ := strings.Cut(peer, ":")
		if (kind != "sg" && kind != "pl") || name == "" {
			return peers{}, fmt.Errorf("peer %s: want sg:<group> or pl:<prefix list>", quote(peer))
		}
		return peers{addrs: emptyIPSet, symbols: []string{peer}}, nil
	case cidr == "":
		return peers{}, fmt.Errorf("no CIDR or peer")
	}
	p, err := netip.ParsePrefix(strings.TrimSpace(cidr))
	if err != nil {
		return peers{}, fmt.Errorf("CIDR %s: not an IPv4 or IPv6 prefix", quote(cidr))
	}
	var b netipx.IPSetBuilder
	b.AddPrefix(p.Masked())
	return peers{addrs: mustIPSet(&b)}, nil
}

// keyIntervals returns the key-axis intervals a rule covers for protocol
// proto (a lone protocol, or the start of an all-protocol range): a port
// range for tcp and udp, a type/code region for icmp and icmpv6 (a type
// with any code is one interval; any type with one code is 256), the
// whole axis otherwise.
func keyIntervals(proto, from, to, typ, code int) ([][2]int, error) {
	whole := [][2]int{{0, maxKey}}
	switch {
	case ported(proto):
		if from == -1 && to == -1 {
			return whole, nil
		}
		if from < 0 || to > maxKey || from > to {
			return nil, fmt.Errorf("ports %d-%d: want 0-65535 with from <= to, or -1 for all", from, to)
		}
		return [][2]int{{from, to}}, nil
	case typed(proto):
		if typ < -1 || typ > 255 || code < -1 || code > 255 {
			return nil, fmt.Errorf("icmp type %d code %d: want -1 (any) or 0-255", typ, code)
		}
		switch {
		case typ == -1 && code == -1:
			return whole, nil
		case typ == -1:
			out := make([][2]int, 256)
			for t := range out {
				out[t] = [2]int{t<<8 | code, t<<8 | code}
			}
			return out, nil
		case code == -1:
			return [][2]int{{typ << 8, typ<<8 | 0xff}}, nil
		}
		return [][2]int{{typ<<8 | code, typ<<8 | code}}, nil
	}
	return whole, nil
}

// box is the set of protocols lo-hi × keys × ps. Ranges of several
// protocols are only built for "all", where every key is included.
func box(lo, hi int, keys [][2]int, ps peers) Set {
	if ps.empty() {
		return Set{}
	}
	segs := make([]seg, len(keys))
	for i, k := range keys {
		segs[i] = seg{lo: k[0], hi: k[1], peers: ps}
	}
	return Set{classes: []class{{lo: lo, hi: hi, segs: segs}}}
}

// quote renders an untrusted value for an error message: escaped, so it
// stays on one line, and cut short, so a hostile value cannot flood it.
func quote(s string) string {
	const max = 72
	q := strconv.Quote(s)
	// A quoted value is never shorter than the value, so start the cut
	// at max bytes and shorten until the escaped form fits.
	for cut := min(len(s), max+1); len(q) > max; {
		cut--
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		q = strconv.Quote(s[:cut]) + "…"
	}
	return q
}
