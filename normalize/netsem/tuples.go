package netsem

import "strconv"

// Tuple is one box of a set's canonical rendering. Protocol is "tcp",
// "udp", "icmp", "icmpv6", a number, "all" or a range "<n>-<m>". FromPort
// and ToPort are the port range for tcp and udp and -1 otherwise. For icmp
// and icmpv6 ICMPType and ICMPCode are the type and code, -1 meaning any;
// for other protocols they are -1. Source is a CIDR or a symbolic peer.
type Tuple struct {
	Protocol           string
	FromPort, ToPort   int
	ICMPType, ICMPCode int
	Source             string
}

// Tuples renders s as boxes, deterministically from the canonical form,
// so equal sets give identical tuples: ascending protocol, then key, then
// sources with addresses (as the fewest CIDRs) before symbolic peers.
func (s Set) Tuples() []Tuple {
	out := []Tuple{}
	for _, c := range s.classes {
		name := classProtocol(c.lo, c.hi)
		for _, sg := range c.segs {
			for _, t := range keyTuples(name, c.lo, c.hi, sg.lo, sg.hi) {
				for _, p := range sg.peers.addrs.Prefixes() {
					t.Source = p.String()
					out = append(out, t)
				}
				for _, sym := range sg.peers.symbols {
					t.Source = sym
					out = append(out, t)
				}
			}
		}
	}
	return out
}

func classProtocol(lo, hi int) string {
	switch {
	case lo == 0 && hi == maxProto:
		return "all"
	case lo != hi:
		return strconv.Itoa(lo) + "-" + strconv.Itoa(hi)
	}
	switch lo {
	case protoTCP:
		return "tcp"
	case protoUDP:
		return "udp"
	case protoICMP:
		return "icmp"
	case protoICMPv6:
		return "icmpv6"
	}
	return strconv.Itoa(lo)
}

// keyTuples renders one key interval of a class. A class of several
// protocols always spans the whole key axis, because only one protocol of
// it can have ports or types (tcp, udp, icmp and icmpv6 are not adjacent
// numbers) and every other protocol's sets span the axis.
func keyTuples(name string, lo, hi, klo, khi int) []Tuple {
	t := Tuple{Protocol: name, FromPort: -1, ToPort: -1, ICMPType: -1, ICMPCode: -1}
	switch {
	case lo != hi:
		return []Tuple{t}
	case ported(lo):
		t.FromPort, t.ToPort = klo, khi
		return []Tuple{t}
	case !typed(lo) || (klo == 0 && khi == maxKey):
		return []Tuple{t}
	}
	// An ICMP interval is split into whole types (code -1) and single
	// codes of a partly covered type.
	var out []Tuple
	for k := klo; k <= khi; {
		typ, end := k>>8, k|0xff
		if k&0xff == 0 && khi >= end {
			t.ICMPType, t.ICMPCode = typ, -1
			out = append(out, t)
			k = end + 1
			continue
		}
		t.ICMPType, t.ICMPCode = typ, k&0xff
		out = append(out, t)
		k++
	}
	return out
}
