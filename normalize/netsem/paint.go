package netsem

import (
	"net/netip"
	"slices"

	"go4.org/netipx"
)

// brush is one parsed rule: protocols lo-hi, one key interval, one
// source, and whether it admits or refuses what it covers.
type brush struct {
	lo, hi int
	key    [2]int
	prefix netip.Prefix // valid unless symbol is set
	symbol string
	allow  bool
}

// paint builds a set from brushes applied in order, each overriding what
// earlier ones said about the packets it covers. A security group paints
// its rules in any order, all allowing; an ACL paints its entries from
// the highest rule number down, so the lowest-numbered match has the last
// word, which is exactly first-match evaluation.
//
// It cuts the protocol axis at every brush boundary and, per elementary
// protocol range, the key axis at every boundary of the brushes covering
// it; every elementary cell is then painted with one address builder.
// This is linear in the brushes per cell instead of one set operation
// per rule.
func paint(bs []brush) Set {
	pcuts := []int{0, maxProto + 1}
	for _, b := range bs {
		pcuts = append(pcuts, b.lo, b.hi+1)
	}
	slices.Sort(pcuts)
	pcuts = slices.Compact(pcuts)
	var out []class
	var on []int
	for i := 0; i+1 < len(pcuts); i++ {
		lo, hi := pcuts[i], pcuts[i+1]-1
		on = on[:0]
		for j, b := range bs {
			if b.lo <= lo && hi <= b.hi {
				on = append(on, j)
			}
		}
		if len(on) == 0 {
			continue
		}
		segs := paintKeys(bs, on)
		if len(segs) == 0 {
			continue
		}
		out = appendClass(out, lo, hi, segs)
	}
	return Set{classes: out}
}

// appendClass adds protocols lo..hi with segs to classes in ascending
// order, joining them to the last class when it ends at lo-1 with equal
// segments, so a set has one canonical form.
func appendClass(out []class, lo, hi int, segs []seg) []class {
	if n := len(out) - 1; n >= 0 && out[n].hi+1 == lo && segsEqual(out[n].segs, segs) {
		out[n].hi = hi
		return out
	}
	return append(out, class{lo: lo, hi: hi, segs: segs})
}

// paintKeys paints the key axis of one elementary protocol range with the
// brushes listed in on.
func paintKeys(bs []brush, on []int) []seg {
	kcuts := []int{0, maxKey + 1}
	for _, j := range on {
		kcuts = append(kcuts, bs[j].key[0], bs[j].key[1]+1)
	}
	slices.Sort(kcuts)
	kcuts = slices.Compact(kcuts)
	var out []seg
	for i := 0; i+1 < len(kcuts); i++ {
		lo, hi := kcuts[i], kcuts[i+1]-1
		var ib netipx.IPSetBuilder
		var syms []string
		touched := false
		for _, j := range on {
			b := &bs[j]
			if lo < b.key[0] || b.key[1] < hi {
				continue
			}
			touched = true
			switch {
			case b.symbol != "" && b.allow:
				syms = append(syms, b.symbol)
			case b.symbol != "":
				syms = slices.DeleteFunc(syms, func(s string) bool { return s == b.symbol })
			case b.allow:
				ib.AddPrefix(b.prefix)
			default:
				ib.RemovePrefix(b.prefix)
			}
		}
		if !touched {
			continue
		}
		slices.Sort(syms)
		ps := newPeers(mustIPSet(&ib), slices.Compact(syms))
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
