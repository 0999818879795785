package netsem

// Relation is how the left set relates to the right one.
type Relation string

const (
	Equal      Relation = "equal"
	LeftWider  Relation = "left_wider"
	RightWider Relation = "right_wider"
	BothWider  Relation = "both_wider"
)

// Verdict is a Relation with, for each side that admits something the
// other does not, one such packet as proof.
type Verdict struct {
	Relation  Relation
	LeftOnly  *Packet
	RightOnly *Packet
}

// Compare relates a (left) to b (right) exactly.
func Compare(a, b Set) Verdict {
	var v Verdict
	if a.Equal(b) {
		// Canonical forms make equality a structural walk, cheaper than
		// the two differences.
		v.Relation = Equal
		return v
	}
	v.LeftOnly = a.Minus(b).Witness()
	v.RightOnly = b.Minus(a).Witness()
	switch {
	case v.LeftOnly == nil && v.RightOnly == nil:
		v.Relation = Equal
	case v.RightOnly == nil:
		v.Relation = LeftWider
	case v.LeftOnly == nil:
		v.Relation = RightWider
	default:
		v.Relation = BothWider
	}
	return v
}

// Witness returns one packet of s, or nil when s is empty. The choice is
// deterministic: the lowest protocol, key and address, preferring
// addresses to symbolic peers.
func (s Set) Witness() *Packet {
	if s.Empty() {
		return nil
	}
	c := s.classes[0]
	sg := c.segs[0]
	p := packetAt(c.lo, sg.lo)
	if rs := sg.peers.addrs.Ranges(); len(rs) > 0 {
		p.Addr = rs[0].From()
	} else {
		p.Peer = sg.peers.symbols[0]
	}
	return &p
}
