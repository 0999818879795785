package netsem

import (
	"fmt"
	"strconv"
	"strings"
)

// FromTuples rebuilds a set from its rendering: tuples are boxes of
// admitted packets, so the set is their union, and FromTuples(s.Tuples())
// equals s. It lets rules hand tuples back to the Go semantics (parity's
// Rego built-ins) instead of re-deriving containment.
func FromTuples(ts []Tuple) (Set, error) {
	bs := make([]brush, 0, len(ts))
	for i, t := range ts {
		tb, err := tupleBrushes(t)
		if err != nil {
			return Set{}, fmt.Errorf("tuple %d: %w", i, err)
		}
		bs = append(bs, tb...)
	}
	return paint(bs), nil
}

// tupleBrushes paints one tuple: one brush per key interval, since an
// ICMP box of several types with some of their codes is several intervals
// of the flattened type*256+code axis.
func tupleBrushes(t Tuple) ([]brush, error) {
	lo, hi, err := parseProtocol(t.Protocol)
	if err != nil {
		a, z, ok := strings.Cut(t.Protocol, "-")
		x, e1 := strconv.Atoi(a)
		y, e2 := strconv.Atoi(z)
		if !ok || e1 != nil || e2 != nil || x < 0 || y > maxProto || x > y {
			return nil, err
		}
		lo, hi = x, y
	}
	b := brush{lo: lo, hi: hi, allow: true}
	if strings.HasPrefix(t.Source, "sg:") || strings.HasPrefix(t.Source, "pl:") {
		b.prefix, b.symbol, err = parsePeer("", t.Source)
	} else {
		b.prefix, b.symbol, err = parsePeer(t.Source, "")
	}
	if err != nil {
		return nil, err
	}
	keys := [][2]int{{0, maxKey}}
	switch {
	case lo != hi:
	case ported(lo):
		k, err := keyInterval(lo, t.FromPort, t.ToPort, -1, -1)
		if err != nil {
			return nil, err
		}
		keys = [][2]int{k}
	case typed(lo):
		if keys, err = typeBoxes(t); err != nil {
			return nil, err
		}
	}
	out := make([]brush, len(keys))
	for i, k := range keys {
		out[i] = b
		out[i].key = k
	}
	return out, nil
}

// typeBoxes flattens an ICMP type range times a code range to key
// intervals (type*256+code).
func typeBoxes(t Tuple) ([][2]int, error) {
	t0, t1, c0, c1 := t.ICMPType, t.ICMPTypeTo, t.ICMPCode, t.ICMPCodeTo
	if t0 == -1 {
		t0, t1 = 0, 255
	}
	if t1 == -1 {
		t1 = t0
	}
	if c0 == -1 {
		c0, c1 = 0, 255
	}
	if c1 == -1 {
		c1 = c0
	}
	if t0 < 0 || t1 > 255 || t0 > t1 || c0 < 0 || c1 > 255 || c0 > c1 {
		return nil, fmt.Errorf("icmp types %d-%d codes %d-%d: want 0-255 ranges or -1 for any", t.ICMPType, t.ICMPTypeTo, t.ICMPCode, t.ICMPCodeTo)
	}
	if c0 == 0 && c1 == 255 {
		return [][2]int{{t0 << 8, t1<<8 | 0xff}}, nil
	}
	out := make([][2]int, 0, t1-t0+1)
	for ty := t0; ty <= t1; ty++ {
		out = append(out, [2]int{ty<<8 | c0, ty<<8 | c1})
	}
	return out, nil
}
