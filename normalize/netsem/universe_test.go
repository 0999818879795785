package netsem

import (
	"net/netip"
	"slices"
)

// The finite universe the differential test checks, and the pools the
// generator draws rule values from. Checking finitely many packets is
// sound because every rule value comes from these pools and the sample
// holds a packet in every cell of the partition the pools induce:
//
//   - protocols: rules name only protoPool (or all); the sample holds
//     those numbers plus 2, which stands for every unnamed protocol.
//   - ports: a rule range is [lo, hi] with lo and hi+1 in portCuts (65536
//     standing for the end), so every elementary port interval starts at a
//     value of portCuts, and the sample holds every such value.
//   - icmp: rules use a type from typePool or -1 and a code from codePool
//     or -1, so the sample holds those values plus one type (5) and one
//     code (1) outside them.
//   - addresses: rules use prefixes from cidrPool. Prefixes nest or are
//     disjoint, so each cell of the partition they induce starts at the
//     family's first address or right after some prefix ends, and the
//     sample holds, per prefix, its first and last address and the
//     addresses just before and after it.
//   - symbolic peers: rules use peerPool; the sample adds an unreferenced
//     group.
var (
	protoPool  = []string{"-1", "all", "tcp", "udp", "icmp", "icmpv6", "6", "17", "1", "58", "50", "0", "255"}
	protoNums  = []int{0, 1, 2, 6, 17, 50, 58, 255}
	portCuts   = []int{0, 1, 21, 22, 23, 80, 81, 443, 444, 1023, 1024, 5432, 5433, 65535, 65536}
	typePool   = []int{0, 3, 8, 255}
	codePool   = []int{0, 4, 255}
	peerPool   = []string{"sg:web-${env}", "pl:pl-0123abcd"}
	baseCIDRs  = []string{"0.0.0.0/0", "10.0.0.0/8", "10.0.0.0/24", "203.0.113.0/24", "203.0.113.7/32", "192.168.1.0/24", "::/0", "2001:db8::/32", "2001:db8::/48", "fd00::/8", "2001:db8::7/128"}
	cidrPool   = buildCIDRPool()
	sampleAddr = buildSampleAddrs()
)

// halves returns the two prefixes one bit longer than p.
func halves(p netip.Prefix) (netip.Prefix, netip.Prefix, bool) {
	if p.Bits() == p.Addr().BitLen() {
		return netip.Prefix{}, netip.Prefix{}, false
	}
	lo := netip.PrefixFrom(p.Addr(), p.Bits()+1)
	last := lastAddr(p)
	hi := netip.PrefixFrom(last, p.Bits()+1).Masked()
	return lo, hi, true
}

func lastAddr(p netip.Prefix) netip.Addr {
	b := p.Masked().Addr().AsSlice()
	for i := p.Bits(); i < len(b)*8; i++ {
		b[i/8] |= 0x80 >> (i % 8)
	}
	a, _ := netip.AddrFromSlice(b)
	return a
}

func buildCIDRPool() []string {
	var out []string
	for _, s := range baseCIDRs {
		p := netip.MustParsePrefix(s)
		out = append(out, s)
		if lo, hi, ok := halves(p); ok {
			out = append(out, lo.String(), hi.String())
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func buildSampleAddrs() []netip.Addr {
	var out []netip.Addr
	for _, s := range cidrPool {
		p := netip.MustParsePrefix(s)
		first, last := p.Masked().Addr(), lastAddr(p)
		for _, a := range []netip.Addr{first, last, first.Prev(), last.Next()} {
			if a.IsValid() {
				out = append(out, a)
			}
		}
	}
	slices.SortFunc(out, func(a, b netip.Addr) int { return a.Compare(b) })
	return slices.Compact(out)
}

// samplePackets is the finite universe: every sampled protocol with its
// sampled ports or types and codes, from every sampled address and peer.
func samplePackets() []Packet {
	var keys []Packet
	for _, n := range protoNums {
		switch n {
		case 6, 17:
			for _, c := range portCuts[:len(portCuts)-1] {
				keys = append(keys, Packet{Protocol: n, Port: c, ICMPType: -1, ICMPCode: -1})
			}
		case 1, 58:
			for _, t := range append(slices.Clone(typePool), 5) {
				for _, c := range append(slices.Clone(codePool), 1) {
					keys = append(keys, Packet{Protocol: n, Port: -1, ICMPType: t, ICMPCode: c})
				}
			}
		default:
			keys = append(keys, Packet{Protocol: n, Port: -1, ICMPType: -1, ICMPCode: -1})
		}
	}
	var out []Packet
	for _, k := range keys {
		for _, a := range sampleAddr {
			k.Addr = a
			out = append(out, k)
		}
		k.Addr = netip.Addr{}
		for _, peer := range append(slices.Clone(peerPool), "sg:other") {
			k.Peer = peer
			out = append(out, k)
		}
	}
	return out
}
