package netsem

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func mustSG(t *testing.T, rs ...SGRule) Set {
	t.Helper()
	s, err := FromSG(rs)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func mustACL(t *testing.T, es ...ACLEntry) Set {
	t.Helper()
	s, err := FromACL(es)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func tcp(from, to int, cidr string) SGRule {
	return SGRule{Protocol: "tcp", FromPort: from, ToPort: to, CIDR: cidr}
}

func entry(n int, proto string, allow bool, cidr string) ACLEntry {
	return ACLEntry{RuleNumber: n, Protocol: proto, Allow: allow, CIDR: cidr, FromPort: -1, ToPort: -1, ICMPType: -1, ICMPCode: -1}
}

func witness(v *Packet) string {
	if v == nil {
		return ""
	}
	return v.String()
}

// TestTraps pins the cases that the text-based comparison got wrong.
func TestTraps(t *testing.T) {
	allTraffic := entry(100, "-1", true, "0.0.0.0/0")
	tests := []struct {
		name        string
		left, right Set
		want        Relation
		leftOnly    string
		rightOnly   string
	}{{
		name: "icmp echo from anywhere versus nothing",
		left: mustSG(t, SGRule{Protocol: "icmp", FromPort: 8, ToPort: -1, CIDR: "0.0.0.0/0"}),
		want: LeftWider, leftOnly: "icmp type 8 code 0 from 0.0.0.0",
	}, {
		// Type 8 with any code is not the "port range" 8 to -1 (empty) nor 8 to 65535.
		name:  "icmp type 8 any code is not a port range",
		left:  mustSG(t, SGRule{Protocol: "icmp", FromPort: 8, ToPort: -1, CIDR: "0.0.0.0/0"}),
		right: mustSG(t, SGRule{Protocol: "icmp", FromPort: 8, ToPort: 0, CIDR: "0.0.0.0/0"}, SGRule{Protocol: "icmp", FromPort: 9, ToPort: -1, CIDR: "0.0.0.0/0"}),
		want:  BothWider, leftOnly: "icmp type 8 code 1 from 0.0.0.0", rightOnly: "icmp type 9 code 0 from 0.0.0.0",
	}, {
		name:  "nacl: production denies udp in front of the same allow-all",
		left:  mustACL(t, allTraffic),
		right: mustACL(t, entry(90, "17", false, "0.0.0.0/0"), allTraffic),
		want:  LeftWider, leftOnly: "udp 0 from 0.0.0.0",
	}, {
		name:  "nacl: production denies esp in front of the same allow-all",
		left:  mustACL(t, entry(90, "50", false, "0.0.0.0/0"), allTraffic),
		right: mustACL(t, allTraffic),
		want:  RightWider, rightOnly: "protocol 50 from 0.0.0.0",
	}, {
		name:  "nacl: a deny after the allow-all changes nothing",
		left:  mustACL(t, allTraffic, entry(200, "6", false, "0.0.0.0/0")),
		right: mustACL(t, allTraffic),
		want:  Equal,
	}, {
		name:  "nacl: rule number decides, not list order",
		left:  mustACL(t, entry(200, "-1", true, "0.0.0.0/0"), entry(100, "6", false, "10.0.0.0/8")),
		right: mustACL(t, entry(1, "tcp", false, "10.0.0.0/8"), entry(2, "all", true, "0.0.0.0/0")),
		want:  Equal,
	}, {
		name:  "esp is covered by an all-traffic allow",
		left:  mustSG(t, SGRule{Protocol: "-1", CIDR: "0.0.0.0/0"}),
		right: mustSG(t, SGRule{Protocol: "-1", CIDR: "0.0.0.0/0"}, SGRule{Protocol: "50", CIDR: "0.0.0.0/0"}),
		want:  Equal,
	}, {
		name:  "two halves equal the /24",
		left:  mustSG(t, tcp(22, 22, "10.0.0.0/25"), tcp(22, 22, "10.0.0.128/25")),
		right: mustSG(t, tcp(22, 22, "10.0.0.0/24")),
		want:  Equal,
	}, {
		name:  "two halves equal the /24 in an acl",
		left:  mustACL(t, entry(10, "6", true, "10.0.0.0/25"), entry(11, "6", true, "10.0.0.128/25")),
		right: mustACL(t, entry(10, "6", true, "10.0.0.0/24")),
		want:  Equal,
	}, {
		name:  "ports 80 and 81 equal 80-81",
		left:  mustSG(t, tcp(80, 80, "0.0.0.0/0"), tcp(81, 81, "0.0.0.0/0")),
		right: mustSG(t, tcp(80, 81, "0.0.0.0/0")),
		want:  Equal,
	}, {
		name:  "one cidr bit",
		left:  mustSG(t, tcp(5432, 5432, "10.0.0.0/24")),
		right: mustSG(t, tcp(5432, 5432, "10.0.1.0/24")),
		want:  BothWider, leftOnly: "tcp 5432 from 10.0.0.0", rightOnly: "tcp 5432 from 10.0.1.0",
	}, {
		name:  "ipv4 any does not cover ipv6",
		left:  mustSG(t, tcp(22, 22, "0.0.0.0/0"), tcp(22, 22, "::/0")),
		right: mustSG(t, tcp(22, 22, "0.0.0.0/0")),
		want:  LeftWider, leftOnly: "tcp 22 from ::",
	}, {
		name:  "a group reference is not an address",
		left:  mustSG(t, tcp(5432, 5432, "0.0.0.0/0")),
		right: mustSG(t, SGRule{Protocol: "tcp", FromPort: 5432, ToPort: 5432, Peer: "sg:web-${env}"}),
		want:  BothWider, leftOnly: "tcp 5432 from 0.0.0.0", rightOnly: "tcp 5432 from sg:web-${env}",
	}, {
		// An IPv4-mapped IPv6 prefix is an IPv6 prefix, as in net/netip.
		name:  "ipv4-mapped ipv6 is ipv6",
		left:  mustSG(t, tcp(22, 22, "::ffff:10.0.0.0/104")),
		right: mustSG(t, tcp(22, 22, "10.0.0.0/8")),
		want:  BothWider, leftOnly: "tcp 22 from ::ffff:10.0.0.0", rightOnly: "tcp 22 from 10.0.0.0",
	}, {
		name:  "all protocols ignore ports",
		left:  mustSG(t, SGRule{Protocol: "-1", FromPort: 22, ToPort: 22, CIDR: "0.0.0.0/0"}),
		right: mustSG(t, SGRule{Protocol: "all", FromPort: -1, ToPort: -1, CIDR: "0.0.0.0/0"}),
		want:  Equal,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := Compare(tt.left, tt.right)
			got := []string{string(v.Relation), witness(v.LeftOnly), witness(v.RightOnly)}
			want := []string{string(tt.want), tt.leftOnly, tt.rightOnly}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("Compare (-want +got):\n%s", d)
			}
			if eq := cmp.Equal(tt.left.Tuples(), tt.right.Tuples()); eq != (tt.want == Equal) {
				t.Errorf("tuples equal = %v for %s", eq, tt.want)
			}
		})
	}
}

func TestTuples(t *testing.T) {
	s := mustSG(t,
		tcp(22, 22, "10.0.0.0/25"), tcp(22, 22, "10.0.0.128/25"), tcp(80, 80, "0.0.0.0/0"), tcp(81, 81, "0.0.0.0/0"),
		SGRule{Protocol: "icmp", FromPort: 8, ToPort: -1, CIDR: "0.0.0.0/0"},
		SGRule{Protocol: "icmpv6", FromPort: 128, ToPort: 0, CIDR: "::/0"},
		SGRule{Protocol: "50", CIDR: "203.0.113.0/24"},
		SGRule{Protocol: "-1", Peer: "sg:web-${env}"},
	)
	x := func(p string, from, to, typ, code int, src string) Tuple {
		return Tuple{Protocol: p, FromPort: from, ToPort: to, ICMPType: typ, ICMPTypeTo: typ, ICMPCode: code, ICMPCodeTo: code, Source: src}
	}
	want := []Tuple{
		x("all", -1, -1, -1, -1, "sg:web-${env}"),
		x("icmp", -1, -1, 8, -1, "0.0.0.0/0"),
		x("tcp", 80, 81, -1, -1, "0.0.0.0/0"),
		x("tcp", 22, 22, -1, -1, "10.0.0.0/24"),
		x("50", -1, -1, -1, -1, "203.0.113.0/24"),
		x("icmpv6", -1, -1, 128, 0, "::/0"),
	}
	if d := cmp.Diff(want, s.Tuples()); d != "" {
		t.Errorf("Tuples (-want +got):\n%s", d)
	}
	// A deny of echo in front of an allow of all icmp: two rows, not 255.
	a := mustACL(t, ACLEntry{RuleNumber: 1, Protocol: "icmp", CIDR: "0.0.0.0/0", ICMPType: 8, ICMPCode: -1}, entry(2, "icmp", true, "0.0.0.0/0"))
	want = []Tuple{x("icmp", -1, -1, 0, -1, "0.0.0.0/0"), x("icmp", -1, -1, 9, -1, "0.0.0.0/0")}
	want[0].ICMPTypeTo, want[1].ICMPTypeTo = 7, 255
	if d := cmp.Diff(want, a.Tuples()); d != "" {
		t.Errorf("icmp except echo (-want +got):\n%s", d)
	}
	if got := mustSG(t, SGRule{Protocol: "-1", CIDR: "0.0.0.0/0"}).Tuples(); !cmp.Equal(got, []Tuple{x("all", -1, -1, -1, -1, "0.0.0.0/0")}) {
		t.Errorf("all traffic: %v", got)
	}
	if got := (Set{}).Tuples(); got == nil || len(got) != 0 {
		t.Errorf("empty set: %#v, want an empty non-nil list", got)
	}
}

func TestPacketString(t *testing.T) {
	a := netip.MustParseAddr("203.0.113.7")
	tests := []struct {
		p    Packet
		prep string
		want string
	}{
		{Packet{Protocol: 6, Port: 5432, ICMPType: -1, ICMPCode: -1, Addr: a}, "from", "tcp 5432 from 203.0.113.7"},
		{Packet{Protocol: 1, Port: -1, ICMPType: 8, ICMPCode: 0, Addr: netip.IPv4Unspecified()}, "from", "icmp type 8 code 0 from 0.0.0.0"},
		{Packet{Protocol: 17, Port: 53, ICMPType: -1, ICMPCode: -1, Peer: "sg:web-${env}"}, "from", "udp 53 from sg:web-${env}"},
		{Packet{Protocol: 50, Port: -1, ICMPType: -1, ICMPCode: -1, Addr: netip.MustParseAddr("2001:db8::1")}, "to", "protocol 50 to 2001:db8::1"},
		{Packet{Protocol: 58, Port: -1, ICMPType: 128, ICMPCode: 0, Peer: "pl:pl-1"}, "to", "icmpv6 type 128 code 0 to pl:pl-1"},
	}
	for _, tt := range tests {
		if got := tt.p.Format(tt.prep); got != tt.want {
			t.Errorf("Format(%q) = %q, want %q", tt.prep, got, tt.want)
		}
	}
	if got := tests[0].p.String(); got != tests[0].want {
		t.Errorf("String() = %q", got)
	}
}

func TestExposes(t *testing.T) {
	tests := []struct {
		name string
		set  Set
		port int
		want bool
	}{
		{"ssh from anywhere", mustSG(t, tcp(22, 22, "0.0.0.0/0")), 22, true},
		{"other port", mustSG(t, tcp(22, 22, "0.0.0.0/0")), 5432, false},
		{"private only", mustSG(t, tcp(0, 65535, "10.0.0.0/8"), tcp(0, 65535, "192.168.0.0/16")), 5432, false},
		{"one public host", mustSG(t, tcp(0, 65535, "10.0.0.0/8"), tcp(5432, 5432, "203.0.113.7/32")), 5432, true},
		{"ipv6 anywhere", mustSG(t, tcp(3389, 3389, "::/0")), 3389, true},
		{"ipv6 unique local", mustSG(t, tcp(3389, 3389, "fd00::/8")), 3389, false},
		{"group reference", mustSG(t, SGRule{Protocol: "tcp", FromPort: 22, ToPort: 22, Peer: "sg:bastion"}), 22, false},
		{"all traffic", mustSG(t, SGRule{Protocol: "-1", CIDR: "0.0.0.0/0"}), 22, true},
		{"udp is not tcp", mustSG(t, SGRule{Protocol: "udp", FromPort: 22, ToPort: 22, CIDR: "0.0.0.0/0"}), 22, false},
		{"acl denies tcp first", mustACL(t, entry(1, "6", false, "0.0.0.0/0"), entry(2, "-1", true, "0.0.0.0/0")), 22, false},
		{"out of range port", mustSG(t, SGRule{Protocol: "-1", CIDR: "0.0.0.0/0"}), 70000, false},
	}
	for _, tt := range tests {
		if got := tt.set.Exposes(tt.port); got != tt.want {
			t.Errorf("%s: Exposes(%d) = %v, want %v", tt.name, tt.port, got, tt.want)
		}
	}
}

func TestErrors(t *testing.T) {
	sg := func(r SGRule) error { _, err := FromSG([]SGRule{tcp(1, 1, "10.0.0.0/8"), r}); return err }
	acl := func(es ...ACLEntry) error { _, err := FromACL(es); return err }
	bad := entry(1, "6", true, "0.0.0.0/0")
	bad.FromPort, bad.ToPort = 90, 80
	tests := []struct {
		err  error
		want string
	}{
		{sg(SGRule{Protocol: "gre", CIDR: "0.0.0.0/0"}), `rule 1: protocol "gre": want -1, tcp, udp, icmp, icmpv6 or a number 0-255`},
		{sg(SGRule{Protocol: "256", CIDR: "0.0.0.0/0"}), `rule 1: protocol "256"`},
		{sg(tcp(80, 70000, "0.0.0.0/0")), "rule 1: ports 80-70000"},
		{sg(tcp(-1, 80, "0.0.0.0/0")), "rule 1: ports -1-80"},
		{sg(SGRule{Protocol: "icmp", FromPort: 256, ToPort: 0, CIDR: "0.0.0.0/0"}), "rule 1: icmp type 256 code 0"},
		{sg(SGRule{Protocol: "icmp", FromPort: -1, ToPort: 4, CIDR: "0.0.0.0/0"}), "rule 1: icmp type -1 code 4: any type needs any code"},
		{sg(tcp(1, 1, "10.0.0.0/33")), `rule 1: CIDR "10.0.0.0/33"`},
		{sg(tcp(1, 1, "evil\nline")), `rule 1: CIDR "evil\nline"`},
		{sg(SGRule{Protocol: "tcp", FromPort: 1, ToPort: 1}), "rule 1: no CIDR or peer"},
		{sg(SGRule{Protocol: "tcp", FromPort: 1, ToPort: 1, CIDR: "0.0.0.0/0", Peer: "sg:x"}), "rule 1: both CIDR"},
		{sg(SGRule{Protocol: "tcp", FromPort: 1, ToPort: 1, Peer: "web"}), `rule 1: peer "web"`},
		{acl(entry(0, "6", true, "0.0.0.0/0")), "entry 0: rule number out of range: want 1-32767"},
		{acl(entry(5, "6", true, "0.0.0.0/0"), entry(5, "-1", false, "0.0.0.0/0")), "entry 5: duplicate rule number"},
		{acl(entry(5, "6", true, "")), "entry 5: no CIDR"},
		{acl(bad), "entry 1: ports 90-80"},
		{sg(tcp(1, 1, strings.Repeat("x", 1000))), `rule 1: CIDR "xxxxxxxx`},
	}
	for i, tt := range tests {
		if tt.err == nil || !strings.HasPrefix(tt.err.Error(), tt.want) {
			t.Errorf("%d: error %v, want prefix %q", i, tt.err, tt.want)
			continue
		}
		if e := tt.err.Error(); strings.ContainsAny(e, "\r\n") || len(e) > 200 {
			t.Errorf("%d: error spans lines: %q", i, tt.err)
		}
	}
}
