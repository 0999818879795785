package netsem

import (
	"net/netip"

	"go4.org/netipx"
)

// nonPublic holds the addresses that are not reachable from the internet:
// RFC 1918 and unique-local ranges, shared address space (RFC 6598),
// loopback, link-local, "this network" and multicast.
var nonPublic = func() *netipx.IPSet {
	var b netipx.IPSetBuilder
	for _, p := range []string{
		"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
		"172.16.0.0/12", "192.168.0.0/16", "224.0.0.0/4",
		"::/128", "::1/128", "fc00::/7", "fe80::/10", "ff00::/8",
	} {
		b.AddPrefix(netip.MustParsePrefix(p))
	}
	return mustIPSet(&b)
}()

// Exposes reports whether s admits tcp to port from some public IPv4 or
// IPv6 address. Symbolic peers never count: what a group or prefix list
// stands for is not known here.
func (s Set) Exposes(port int) bool {
	return s.PublicWitness(port) != nil
}

// PublicWitness returns a public address s admits tcp to port from, or
// nil when there is none.
func (s Set) PublicWitness(port int) *Packet {
	p := Packet{Protocol: protoTCP, Port: port, ICMPType: -1, ICMPCode: -1}
	k, ok := p.key()
	if !ok {
		return nil
	}
	var ci, si int
	ps := findSeg(findClass(s.classes, &ci, protoTCP), &si, k)
	if ps == nil {
		return nil
	}
	var b netipx.IPSetBuilder
	b.AddSet(ps.addrs)
	b.RemoveSet(nonPublic)
	rs := mustIPSet(&b).Ranges()
	if len(rs) == 0 {
		return nil
	}
	p.Addr = rs[0].From()
	return &p
}
