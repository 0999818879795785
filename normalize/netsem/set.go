package netsem

import (
	"net/netip"
	"slices"
	"sort"

	"go4.org/netipx"
)

const (
	maxProto = 255
	// maxKey is the top of the key axis: the last port, or type 255 code 255.
	maxKey = 65535
)

// Set is an immutable, exact set of packets of one direction. The zero
// value is the empty set.
//
// The representation is canonical, so equal sets are structurally equal:
// the protocol axis is cut into ranges (classes) whose packets behave
// alike, each class holds disjoint key intervals (ports, or flattened ICMP
// type*256+code) in ascending order, and each interval holds the peers it
// admits. Adjacent classes and intervals with the same content are merged
// and empty ones dropped. Protocols other than tcp, udp, icmp and icmpv6
// always span the whole key axis, which is what lets "all protocols"
// collapse into one class.
type Set struct {
	classes []class
}

type class struct {
	lo, hi int // protocol numbers, inclusive
	segs   []seg
}

// seg is one key interval and the peers admitted on it.
type seg struct {
	lo, hi int // key axis, inclusive
	peers  peers
}

// peers is a set of addresses plus a sorted set of symbolic references.
type peers struct {
	addrs   *netipx.IPSet // never nil
	symbols []string      // sorted, unique
	none    bool          // addrs is empty, known at construction
}

func newPeers(addrs *netipx.IPSet, symbols []string) peers {
	return peers{addrs: addrs, symbols: symbols, none: len(addrs.Ranges()) == 0}
}

var emptyIPSet = mustIPSet(&netipx.IPSetBuilder{})

func mustIPSet(b *netipx.IPSetBuilder) *netipx.IPSet {
	s, err := b.IPSet()
	if err != nil {
		// The builder only reports errors for invalid prefixes or ranges,
		// which the parsers reject before anything reaches a builder.
		panic("netsem: " + err.Error())
	}
	return s
}

func (p peers) empty() bool { return len(p.symbols) == 0 && p.none }

func (p peers) equal(q peers) bool {
	return slices.Equal(p.symbols, q.symbols) && p.addrs.Equal(q.addrs)
}

type op int

const (
	opUnion op = iota
	opIntersect
	opMinus
)

// apply combines two peer sets; a nil side is empty.
func (o op) apply(a, b *peers) peers {
	nothing := peers{addrs: emptyIPSet, none: true}
	switch {
	case a == nil && b == nil:
		return nothing
	case b == nil:
		if o == opIntersect {
			return nothing
		}
		return *a
	case a == nil:
		if o == opUnion {
			return *b
		}
		return nothing
	}
	syms := o.symbols(a.symbols, b.symbols)
	addrs := a.addrs
	switch {
	case a.addrs.Equal(b.addrs):
		// Equal address sets (the common case when comparing two
		// similar configurations) need no builder.
		if o == opMinus {
			addrs = emptyIPSet
		}
	case o == opUnion && b.none:
	case o == opUnion && a.none:
		addrs = b.addrs
	case o != opUnion && (a.none || b.none):
		if o == opIntersect || a.none {
			addrs = emptyIPSet
		}
	default:
		var ib netipx.IPSetBuilder
		ib.AddSet(a.addrs)
		switch o {
		case opUnion:
			ib.AddSet(b.addrs)
		case opIntersect:
			ib.Intersect(b.addrs)
		case opMinus:
			ib.RemoveSet(b.addrs)
		}
		addrs = mustIPSet(&ib)
	}
	return newPeers(addrs, syms)
}

func (o op) symbols(a, b []string) []string {
	in := func(xs []string, x string) bool { _, ok := slices.BinarySearch(xs, x); return ok }
	var out []string
	for _, x := range a {
		if o != opIntersect || in(b, x) {
			if o != opMinus || !in(b, x) {
				out = append(out, x)
			}
		}
	}
	if o == opUnion {
		out = append(out, b...)
		sort.Strings(out)
		out = slices.Compact(out)
	}
	return out
}

// cuts returns the sorted, unique interval starts of two interval lists
// plus the point after the axis end, so each consecutive pair bounds an
// elementary interval inside or outside every input interval.
func cuts(bound func(side, i int) (lo, hi int), lens [2]int, end int) []int {
	pts := make([]int, 0, 2*(lens[0]+lens[1])+2)
	pts = append(pts, 0, end+1)
	for side := 0; side < 2; side++ {
		for i := 0; i < lens[side]; i++ {
			lo, hi := bound(side, i)
			pts = append(pts, lo, hi+1)
		}
	}
	slices.Sort(pts)
	return slices.Compact(pts)
}

// combine computes a op b over the whole packet space.
func combine(a, b Set, o op) Set {
	lens := [2]int{len(a.classes), len(b.classes)}
	cls := [2][]class{a.classes, b.classes}
	pts := cuts(func(side, i int) (int, int) { c := cls[side][i]; return c.lo, c.hi }, lens, maxProto)
	var out []class
	var ia, ib int
	for i := 0; i+1 < len(pts); i++ {
		lo, hi := pts[i], pts[i+1]-1
		ca := findClass(a.classes, &ia, lo)
		cb := findClass(b.classes, &ib, lo)
		if ca == nil && cb == nil {
			continue
		}
		segs := combineSegs(ca, cb, o)
		if len(segs) == 0 {
			continue
		}
		out = appendClass(out, lo, hi, segs)
	}
	return Set{classes: out}
}

// findClass returns the class containing protocol p, advancing *i; calls
// must come with ascending p.
func findClass(cs []class, i *int, p int) []seg {
	for *i < len(cs) && cs[*i].hi < p {
		*i++
	}
	if *i < len(cs) && cs[*i].lo <= p {
		return cs[*i].segs
	}
	return nil
}

func combineSegs(a, b []seg, o op) []seg {
	lens := [2]int{len(a), len(b)}
	ss := [2][]seg{a, b}
	pts := cuts(func(side, i int) (int, int) { s := ss[side][i]; return s.lo, s.hi }, lens, maxKey)
	var out []seg
	var ia, ib int
	for i := 0; i+1 < len(pts); i++ {
		lo, hi := pts[i], pts[i+1]-1
		pa := findSeg(a, &ia, lo)
		pb := findSeg(b, &ib, lo)
		if pa == nil && pb == nil {
			continue
		}
		ps := o.apply(pa, pb)
		if ps.empty() {
			continue
		}
		if n := len(out) - 1; n >= 0 && out[n].hi+1 == lo && out[n].peers.equal(ps) {
			out[n].hi = hi
			continue
		}
		out = append(out, seg{lo: lo, hi: hi, peers: ps})
	}
	return out
}

func findSeg(ss []seg, i *int, k int) *peers {
	for *i < len(ss) && ss[*i].hi < k {
		*i++
	}
	if *i < len(ss) && ss[*i].lo <= k {
		return &ss[*i].peers
	}
	return nil
}

func segsEqual(a, b []seg) bool {
	return slices.EqualFunc(a, b, func(x, y seg) bool {
		return x.lo == y.lo && x.hi == y.hi && x.peers.equal(y.peers)
	})
}

// Union returns the packets in s or t.
func (s Set) Union(t Set) Set { return combine(s, t, opUnion) }

// Intersect returns the packets in both s and t.
func (s Set) Intersect(t Set) Set { return combine(s, t, opIntersect) }

// Minus returns the packets in s and not in t: what the wider side admits
// that the other does not.
func (s Set) Minus(t Set) Set { return combine(s, t, opMinus) }

// Empty reports whether s admits no packet.
func (s Set) Empty() bool { return len(s.classes) == 0 }

// Equal reports whether s and t admit the same packets.
func (s Set) Equal(t Set) bool {
	return slices.EqualFunc(s.classes, t.classes, func(x, y class) bool {
		return x.lo == y.lo && x.hi == y.hi && segsEqual(x.segs, y.segs)
	})
}

// Admits reports whether s contains p. A packet whose fields are out of
// range for its protocol is never admitted.
func (s Set) Admits(p Packet) bool {
	k, ok := p.key()
	if !ok || p.Protocol < 0 || p.Protocol > maxProto {
		return false
	}
	var ci, si int
	segs := findClass(s.classes, &ci, p.Protocol)
	ps := findSeg(segs, &si, k)
	if ps == nil {
		return false
	}
	if p.Peer != "" {
		_, found := slices.BinarySearch(ps.symbols, p.Peer)
		return found
	}
	return p.Addr.IsValid() && ps.addrs.Contains(p.Addr)
}

func containsString(xs []string, x string) bool {
	_, ok := slices.BinarySearch(xs, x)
	return ok
}

func sortPrefixes(ps []netip.Prefix) {
	slices.SortFunc(ps, func(a, b netip.Prefix) int {
		if c := a.Addr().Compare(b.Addr()); c != 0 {
			return c
		}
		return a.Bits() - b.Bits()
	})
}
