// Package netsem models what a security group or one direction of a network
// ACL admits as an exact set of packets, so that two configurations can be
// compared by meaning: equal, one side wider, or both wider, each difference
// proved by a concrete witness packet.
//
// A packet is a protocol number (0-255), a port for tcp and udp, a type and
// code for icmp and icmpv6, and a peer: an IPv4 or IPv6 address, or a
// symbolic security-group ("sg:…") or prefix-list ("pl:…") reference. The
// model is exact over that whole space; symbolic peers are opaque atoms that
// no CIDR covers and that cover no address, because what they stand for is
// not known when two snapshots are compared.
//
// The package must never approximate: a set either admits a packet or it
// does not, and every "wider" verdict carries a packet that proves it. It
// never reads files or renames anything: callers pass rules (or snapshot
// rules through the converters) and decide how groups are named.
package netsem
