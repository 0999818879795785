package netsem

import (
	"net/netip"
	"slices"
	"strconv"
)

// Tuple is one box of a set's rendering. Protocol is "tcp", "udp", "icmp",
// "icmpv6", a number, "all" or a range "<n>-<m>". FromPort-ToPort is the
// port range for tcp and udp and -1 otherwise. For icmp and icmpv6 the box
// is the types ICMPType-ICMPTypeTo times the codes ICMPCode-ICMPCodeTo,
// where -1 (in both bounds) means any; for other protocols all four are
// -1. Source is a CIDR or a symbolic peer.
type Tuple struct {
	Protocol               string
	FromPort, ToPort       int
	ICMPType, ICMPCode     int
	ICMPTypeTo, ICMPCodeTo int
	Source                 string
}

// Tuples renders s as boxes that together admit exactly s. It is computed
// from the canonical form only, so equal sets give identical tuples, in
// ascending protocol, then source (addresses before symbolic peers), then
// key. Boxes may overlap: each source named in the canonical form gets
// the protocols and keys on which it is wholly admitted, joined across
// protocols where it is admitted on every key, unless a wider source
// already has them. So "tcp 22 from 10.0.0.0/8" next to "all tcp from
// 10.0.0.0/24" stays two rows instead of three, and an all-protocol group
// reference stays one row whatever else the set holds.
func (s Set) Tuples() []Tuple {
	type row struct {
		proto, src, key int
		t               Tuple
	}
	var rows []row
	srcs := sources(s.classes)
	for si, src := range srcs {
		emit := func(lo, hi, klo, khi int) {
			for _, t := range keyTuples(classProtocol(lo, hi), lo, hi, klo, khi) {
				t.Source = src.name
				rows = append(rows, row{proto: lo, src: si, key: klo, t: t})
			}
		}
		for ci := 0; ci < len(s.classes); ci++ {
			if src.full(ci) {
				// Join the run of adjacent classes where src is admitted on every key.
				cj := ci
				for cj+1 < len(s.classes) && src.full(cj+1) && s.classes[cj].hi+1 == s.classes[cj+1].lo {
					cj++
				}
				if !src.coveredByWider(ci, cj, [2]int{0, maxKey}) {
					emit(s.classes[ci].lo, s.classes[cj].hi, 0, maxKey)
				}
				ci = cj
				continue
			}
			for _, iv := range src.keys[ci] {
				if !src.coveredByWider(ci, ci, iv) {
					emit(s.classes[ci].lo, s.classes[ci].hi, iv[0], iv[1])
				}
			}
		}
	}
	slices.SortStableFunc(rows, func(a, b row) int {
		if a.proto != b.proto {
			return a.proto - b.proto
		}
		if a.src != b.src {
			return a.src - b.src
		}
		return a.key - b.key
	})
	out := make([]Tuple, len(rows))
	for i, r := range rows {
		out[i] = r.t
	}
	return out
}

// source is one address prefix or symbol named in a set's canonical form,
// with, per class, the key intervals on which it is wholly admitted.
type source struct {
	name   string
	prefix netip.Prefix // invalid for a symbol
	keys   [][][2]int   // per class index
	wider  []*source    // sources strictly containing prefix
}

func (s *source) full(ci int) bool {
	return len(s.keys[ci]) == 1 && s.keys[ci][0] == [2]int{0, maxKey}
}

// coveredByWider reports whether one wider source is admitted on iv in
// every class ci..cj.
func (s *source) coveredByWider(ci, cj int, iv [2]int) bool {
	for _, w := range s.wider {
		all := true
		for c := ci; c <= cj && all; c++ {
			all = slices.ContainsFunc(w.keys[c], func(k [2]int) bool { return k[0] <= iv[0] && iv[1] <= k[1] })
		}
		if all {
			return true
		}
	}
	return false
}

// sources lists the sources named in the classes in order: prefixes
// (IPv4 before IPv6, by address then length) then symbols, sorted.
func sources(classes []class) []*source {
	var prefixes []netip.Prefix
	var symbols []string
	seen := map[string]bool{}
	for _, c := range classes {
		for _, sg := range c.segs {
			for _, p := range sg.peers.addrs.Prefixes() {
				if !seen[p.String()] {
					seen[p.String()] = true
					prefixes = append(prefixes, p)
				}
			}
			for _, sym := range sg.peers.symbols {
				if !seen[sym] {
					seen[sym] = true
					symbols = append(symbols, sym)
				}
			}
		}
	}
	sortPrefixes(prefixes)
	slices.Sort(symbols)
	var out []*source
	admitted := func(src *source, in func(peers) bool) {
		src.keys = make([][][2]int, len(classes))
		for ci, c := range classes {
			for _, sg := range c.segs {
				if in(sg.peers) {
					src.keys[ci] = addInterval(src.keys[ci], sg.lo, sg.hi)
				}
			}
		}
		out = append(out, src)
	}
	for _, p := range prefixes {
		admitted(&source{name: p.String(), prefix: p}, func(ps peers) bool { return ps.addrs.ContainsPrefix(p) })
	}
	for _, a := range out {
		for _, b := range out {
			if b.prefix.Bits() < a.prefix.Bits() && b.prefix.Contains(a.prefix.Addr()) {
				a.wider = append(a.wider, b)
			}
		}
	}
	for _, sym := range symbols {
		admitted(&source{name: sym}, func(ps peers) bool { return containsString(ps.symbols, sym) })
	}
	return out
}

// addInterval appends [lo, hi] to ascending intervals, joining it to the
// last one when they touch.
func addInterval(ivs [][2]int, lo, hi int) [][2]int {
	if n := len(ivs) - 1; n >= 0 && ivs[n][1]+1 == lo {
		ivs[n][1] = hi
		return ivs
	}
	return append(ivs, [2]int{lo, hi})
}

func classProtocol(lo, hi int) string {
	switch {
	case lo == 0 && hi == maxProto:
		return "all"
	case lo != hi:
		return strconv.Itoa(lo) + "-" + strconv.Itoa(hi)
	}
	if name, ok := namedProtocol(lo); ok {
		return name
	}
	return strconv.Itoa(lo)
}

// keyTuples renders one key interval of a class. A class of several
// protocols always spans the whole key axis, because only one protocol of
// it can have ports or types (tcp, udp, icmp and icmpv6 are not adjacent
// numbers) and every other protocol's sets span the axis.
func keyTuples(name string, lo, hi, klo, khi int) []Tuple {
	t := Tuple{Protocol: name, FromPort: -1, ToPort: -1, ICMPType: -1, ICMPCode: -1, ICMPTypeTo: -1, ICMPCodeTo: -1}
	switch {
	case lo != hi:
		return []Tuple{t}
	case ported(lo):
		t.FromPort, t.ToPort = klo, khi
		return []Tuple{t}
	case !typed(lo) || (klo == 0 && khi == maxKey):
		return []Tuple{t}
	}
	// A flattened type*256+code interval is at most a partial first type,
	// a run of whole types and a partial last type.
	box := func(t0, t1, c0, c1 int) Tuple {
		b := t
		b.ICMPType, b.ICMPTypeTo, b.ICMPCode, b.ICMPCodeTo = t0, t1, c0, c1
		if c0 == 0 && c1 == 0xff {
			b.ICMPCode, b.ICMPCodeTo = -1, -1
		}
		return b
	}
	var out []Tuple
	t0, c0, t1, c1 := klo>>8, klo&0xff, khi>>8, khi&0xff
	if t0 == t1 {
		return []Tuple{box(t0, t0, c0, c1)}
	}
	if c0 != 0 {
		out = append(out, box(t0, t0, c0, 0xff))
		t0++
	}
	last := t1
	if c1 != 0xff {
		last--
	}
	if t0 <= last {
		out = append(out, box(t0, last, 0, 0xff))
	}
	if c1 != 0xff {
		out = append(out, box(t1, t1, 0, c1))
	}
	return out
}
