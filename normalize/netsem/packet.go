package netsem

import (
	"net/netip"
	"strconv"
)

// Protocol numbers with their own packet fields.
const (
	protoICMP   = 1
	protoTCP    = 6
	protoUDP    = 17
	protoICMPv6 = 58
)

// Packet is one point of the packet space of one direction. Port is set
// for tcp and udp and is -1 otherwise; ICMPType and ICMPCode are set for
// icmp and icmpv6 and are -1 otherwise. Peer names a symbolic source or
// destination ("sg:…" or "pl:…"); when it is set Addr is ignored.
type Packet struct {
	Protocol           int
	Port               int
	ICMPType, ICMPCode int
	Addr               netip.Addr
	Peer               string
}

// String renders the packet as seen arriving at the resource, for example
// "tcp 5432 from 203.0.113.7". Use Format("to") for egress.
func (p Packet) String() string { return p.Format("from") }

// Format renders the packet with the given preposition before the peer,
// "from" for ingress and "to" for egress, e.g. "udp 53 to sg:dns".
func (p Packet) Format(preposition string) string {
	s := protocolName(p.Protocol)
	switch p.Protocol {
	case protoTCP, protoUDP:
		s += " " + strconv.Itoa(p.Port)
	case protoICMP, protoICMPv6:
		s += " type " + strconv.Itoa(p.ICMPType) + " code " + strconv.Itoa(p.ICMPCode)
	}
	peer := p.Peer
	if peer == "" {
		peer = p.Addr.String()
	}
	return s + " " + preposition + " " + peer
}

// protocolName names the protocols that have their own packet fields and
// writes every other one as its number, so names never hide a protocol.
func protocolName(n int) string {
	if name, ok := namedProtocol(n); ok {
		return name
	}
	return "protocol " + strconv.Itoa(n)
}

// namedProtocol is the name of a protocol with packet fields of its own.
func namedProtocol(n int) (string, bool) {
	switch n {
	case protoTCP:
		return "tcp", true
	case protoUDP:
		return "udp", true
	case protoICMP:
		return "icmp", true
	case protoICMPv6:
		return "icmpv6", true
	}
	return "", false
}

// ported reports whether the protocol's packets carry a port.
func ported(n int) bool { return n == protoTCP || n == protoUDP }

// typed reports whether the protocol's packets carry an ICMP type and code.
func typed(n int) bool { return n == protoICMP || n == protoICMPv6 }

// key maps a packet's protocol-specific fields to a point of the key axis
// 0-65535: the port for tcp and udp, type*256+code for icmp and icmpv6 and
// 0 for every other protocol (whose sets always span the whole axis). ok
// is false when the fields are out of range for the protocol.
func (p Packet) key() (k int, ok bool) {
	switch {
	case ported(p.Protocol):
		return p.Port, p.Port >= 0 && p.Port <= maxKey
	case typed(p.Protocol):
		ok = p.ICMPType >= 0 && p.ICMPType <= 255 && p.ICMPCode >= 0 && p.ICMPCode <= 255
		return p.ICMPType<<8 | p.ICMPCode, ok
	}
	return 0, true
}

// packetAt is the inverse of key: the packet of protocol proto at key k.
func packetAt(proto, k int) Packet {
	p := Packet{Protocol: proto, Port: -1, ICMPType: -1, ICMPCode: -1}
	switch {
	case ported(proto):
		p.Port = k
	case typed(proto):
		p.ICMPType, p.ICMPCode = k>>8, k&0xff
	}
	return p
}
