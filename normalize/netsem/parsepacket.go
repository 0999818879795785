package netsem

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// ParsePacket reads a packet in the form Packet.Format writes, with
// "from" or "to" before the peer: "tcp 5432 from 203.0.113.7",
// "icmp type 8 code 0 to 0.0.0.0", "protocol 50 from sg:web",
// "udp 53 from pl:pl-1". Protocols may also be numbers ("6 22 from …").
// It is meant for user policies and command lines, so errors quote the
// input and stay on one line.
func ParsePacket(s string) (Packet, error) {
	f := strings.Fields(s)
	bad := func(why string) (Packet, error) {
		return Packet{}, fmt.Errorf("packet %s: %s", quote(s), why)
	}
	if len(f) < 3 {
		return bad(`want "<protocol> [port | type T code C] from|to <address or sg:/pl: peer>"`)
	}
	peer, prep := f[len(f)-1], f[len(f)-2]
	if prep != "from" && prep != "to" {
		return bad(`want "from" or "to" before the peer`)
	}
	f = f[:len(f)-2]
	name := f[0]
	if name == "protocol" && len(f) > 1 {
		name, f = f[1], f[1:]
	}
	lo, hi, err := parseProtocol(name)
	if err != nil || lo != hi {
		return bad("want one protocol: tcp, udp, icmp, icmpv6 or a number 0-255")
	}
	p := Packet{Protocol: lo, Port: -1, ICMPType: -1, ICMPCode: -1}
	num := func(x string, max int) (int, bool) {
		n, err := strconv.Atoi(x)
		return n, err == nil && n >= 0 && n <= max
	}
	var ok bool
	switch rest := f[1:]; {
	case ported(lo) && len(rest) == 1:
		p.Port, ok = num(rest[0], maxKey)
	case typed(lo) && len(rest) == 4 && rest[0] == "type" && rest[2] == "code":
		var ok2 bool
		p.ICMPType, ok = num(rest[1], 255)
		p.ICMPCode, ok2 = num(rest[3], 255)
		ok = ok && ok2
	case !ported(lo) && !typed(lo):
		ok = len(rest) == 0
	}
	if !ok {
		return bad("want a port 0-65535 for tcp and udp, type T code C (0-255) for icmp, nothing else otherwise")
	}
	if strings.HasPrefix(peer, "sg:") || strings.HasPrefix(peer, "pl:") {
		if _, p.Peer, err = parsePeer("", peer); err != nil {
			return bad("peer: want sg:<group> or pl:<prefix list>")
		}
		return p, nil
	}
	if p.Addr, err = netip.ParseAddr(peer); err != nil || p.Addr.Zone() != "" {
		return bad("peer: want an IPv4 or IPv6 address or sg:/pl: reference")
	}
	return p, nil
}
