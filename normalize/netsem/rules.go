package netsem

import (
	"cmp"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
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
	bs := make([]brush, 0, len(rules))
	for i, r := range rules {
		b, err := sgBrush(r)
		if err != nil {
			return Set{}, fmt.Errorf("rule %d: %w", i, err)
		}
		bs = append(bs, b)
	}
	return paint(bs), nil
}

func sgBrush(r SGRule) (brush, error) {
	lo, hi, err := parseProtocol(r.Protocol)
	if err != nil {
		return brush{}, err
	}
	b := brush{lo: lo, hi: hi, allow: true}
	if b.prefix, b.symbol, err = parsePeer(r.CIDR, r.Peer); err != nil {
		return brush{}, err
	}
	b.key, err = keyInterval(lo, r.FromPort, r.ToPort, r.FromPort, r.ToPort)
	return b, err
}

// FromACL returns what one direction of a network ACL admits. Entries are
// evaluated in ascending rule number and the first entry that matches a
// packet decides it; a packet no entry matches is denied (the "*" rule).
// The set is painted from the last entry to the first, so for every
// packet the lowest-numbered matching entry has the last word.
func FromACL(entries []ACLEntry) (Set, error) {
	es := slices.Clone(entries)
	slices.SortStableFunc(es, func(a, b ACLEntry) int { return cmp.Compare(a.RuleNumber, b.RuleNumber) })
	bs := make([]brush, len(es))
	for i, e := range es {
		if e.RuleNumber < 1 || e.RuleNumber > 32767 {
			return Set{}, fmt.Errorf("entry %d: rule number out of range: want 1-32767", e.RuleNumber)
		}
		if i > 0 && es[i-1].RuleNumber == e.RuleNumber {
			// Two entries with one number have no defined order.
			return Set{}, fmt.Errorf("entry %d: duplicate rule number", e.RuleNumber)
		}
		b, err := aclBrush(e)
		if err != nil {
			return Set{}, fmt.Errorf("entry %d: %w", e.RuleNumber, err)
		}
		bs[len(es)-1-i] = b
	}
	return paint(bs), nil
}

func aclBrush(e ACLEntry) (brush, error) {
	lo, hi, err := parseProtocol(e.Protocol)
	if err != nil {
		return brush{}, err
	}
	if e.CIDR == "" {
		return brush{}, fmt.Errorf("no CIDR")
	}
	b := brush{lo: lo, hi: hi, allow: e.Allow}
	if b.prefix, _, err = parsePeer(e.CIDR, ""); err != nil {
		return brush{}, err
	}
	b.key, err = keyInterval(lo, e.FromPort, e.ToPort, e.ICMPType, e.ICMPCode)
	return b, err
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
func parsePeer(cidr, peer string) (netip.Prefix, string, error) {
	switch {
	case cidr != "" && peer != "":
		return netip.Prefix{}, "", fmt.Errorf("both CIDR %s and peer %s", quote(cidr), quote(peer))
	case peer != "":
		kind, name, _ := strings.Cut(peer, ":")
		if (kind != "sg" && kind != "pl") || name == "" {
			return netip.Prefix{}, "", fmt.Errorf("peer %s: want sg:<group> or pl:<prefix list>", quote(peer))
		}
		return netip.Prefix{}, peer, nil
	case cidr == "":
		return netip.Prefix{}, "", fmt.Errorf("no CIDR or peer")
	}
	p, err := netip.ParsePrefix(strings.TrimSpace(cidr))
	if err != nil {
		return netip.Prefix{}, "", fmt.Errorf("CIDR %s: not an IPv4 or IPv6 prefix", quote(cidr))
	}
	return p.Masked(), "", nil
}

// keyInterval returns the key-axis interval a rule covers for protocol
// proto (a lone protocol, or the start of an all-protocol range): a port
// range for tcp and udp, one type's codes or one type and code for icmp
// and icmpv6, the whole axis otherwise.
func keyInterval(proto, from, to, typ, code int) ([2]int, error) {
	whole := [2]int{0, maxKey}
	switch {
	case ported(proto):
		if from == -1 && to == -1 {
			return whole, nil
		}
		if from < 0 || to > maxKey || from > to {
			return [2]int{}, fmt.Errorf("ports %d-%d: want 0-65535 with from <= to, or -1 for all", from, to)
		}
		return [2]int{from, to}, nil
	case typed(proto):
		if typ < -1 || typ > 255 || code < -1 || code > 255 {
			return [2]int{}, fmt.Errorf("icmp type %d code %d: want -1 (any) or 0-255", typ, code)
		}
		switch {
		case typ == -1 && code == -1:
			return whole, nil
		case typ == -1:
			// EC2 refuses this too. Accepting it would make a rule 256
			// intervals, which hostile input could multiply.
			return [2]int{}, fmt.Errorf("icmp type -1 code %d: any type needs any code (-1)", code)
		case code == -1:
			return [2]int{typ << 8, typ<<8 | 0xff}, nil
		}
		return [2]int{typ<<8 | code, typ<<8 | code}, nil
	}
	return whole, nil
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
