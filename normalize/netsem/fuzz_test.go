package netsem

import (
	"strings"
	"testing"
)

// checkBuilt asserts what must hold for any input: errors are one short
// line, and a built set renders into tuples that rebuild it exactly.
func checkBuilt(t *testing.T, s Set, err error) {
	if err != nil {
		if e := err.Error(); strings.ContainsAny(e, "\r\n") || len(e) > 300 {
			t.Fatalf("error is not one short line: %q", e)
		}
		return
	}
	back, err := FromSG(tupleRules(s.Tuples()))
	if err != nil || !back.Equal(s) {
		t.Fatalf("tuples do not rebuild the set (%v): %v", err, s.Tuples())
	}
	if w := s.Witness(); (w == nil) != s.Empty() || (w != nil && !s.Admits(*w)) {
		t.Fatalf("witness %v not in the set", w)
	}
}

func FuzzFromSG(f *testing.F) {
	f.Add("tcp", 22, 22, "10.0.0.0/8", "", "icmp", 8, -1, "", "sg:web-${env}")
	f.Add("-1", -1, -1, "::/0", "", "50", 0, 0, "203.0.113.7/32", "")
	f.Add("icmpv6", -1, 4, "2001:db8::/33", "", "udp", 53, 53, "0.0.0.0/0", "pl:pl-1")
	f.Add("6", 65535, 0, "1.2.3.4/40", "x", "256", 1, 1, "", "sg:")
	f.Fuzz(func(t *testing.T, p1 string, f1, t1 int, c1, peer1 string, p2 string, f2, t2 int, c2, peer2 string) {
		s, err := FromSG([]SGRule{
			{Protocol: p1, FromPort: f1, ToPort: t1, CIDR: c1, Peer: peer1},
			{Protocol: p2, FromPort: f2, ToPort: t2, CIDR: c2, Peer: peer2},
		})
		checkBuilt(t, s, err)
	})
}

func FuzzFromACL(f *testing.F) {
	f.Add(100, "-1", true, "0.0.0.0/0", -1, -1, -1, -1, 90, "17", false, "0.0.0.0/0", 53, 53, -1, -1)
	f.Add(1, "icmp", false, "::/0", 0, 0, 8, -1, 2, "icmp", true, "::/0", -1, -1, -1, -1)
	f.Add(0, "tcp", true, "10.0.0.0/33", 90, 80, 300, 300, 0, "x", true, "", 0, 0, 0, 0)
	f.Fuzz(func(t *testing.T, n1 int, p1 string, a1 bool, c1 string, f1, t1, ty1, co1 int,
		n2 int, p2 string, a2 bool, c2 string, f2, t2, ty2, co2 int) {
		s, err := FromACL([]ACLEntry{
			{RuleNumber: n1, Protocol: p1, Allow: a1, CIDR: c1, FromPort: f1, ToPort: t1, ICMPType: ty1, ICMPCode: co1},
			{RuleNumber: n2, Protocol: p2, Allow: a2, CIDR: c2, FromPort: f2, ToPort: t2, ICMPType: ty2, ICMPCode: co2},
		})
		checkBuilt(t, s, err)
	})
}
