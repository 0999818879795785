package netsem

import (
	"strings"
	"testing"
)

func TestParsePacket(t *testing.T) {
	for _, s := range []string{
		"tcp 5432 from 203.0.113.7", "icmp type 8 code 0 from 0.0.0.0", "udp 53 from sg:web-${env}",
		"protocol 50 to 2001:db8::1", "icmpv6 type 128 code 0 to pl:pl-1", "protocol 0 from 10.0.0.1",
	} {
		p, err := ParsePacket(s)
		if err != nil {
			t.Errorf("ParsePacket(%q): %v", s, err)
			continue
		}
		prep := "from"
		if strings.Contains(s, " to ") {
			prep = "to"
		}
		if got := p.Format(prep); got != s {
			t.Errorf("ParsePacket(%q).Format = %q", s, got)
		}
	}
	if p, err := ParsePacket("6 22 from 10.0.0.1"); err != nil || p.String() != "tcp 22 from 10.0.0.1" {
		t.Errorf("numeric protocol: %v %v", p, err)
	}
	for _, s := range []string{
		"", "tcp from 1.2.3.4", "tcp 70000 from 1.2.3.4", "tcp 22 at 1.2.3.4", "all from 1.2.3.4",
		"icmp 8 from 1.2.3.4", "icmp type 8 code 256 from 1.2.3.4", "protocol 50 22 from 1.2.3.4",
		"tcp 22 from 10.0.0.0/8", "tcp 22 from sg:", "tcp 22 from fe80::1%eth0", "gre from 1.2.3.4",
	} {
		if _, err := ParsePacket(s); err == nil {
			t.Errorf("ParsePacket(%q): no error", s)
		} else if strings.ContainsAny(err.Error(), "\r\n") {
			t.Errorf("ParsePacket(%q): error spans lines", s)
		}
	}
}

func FuzzParsePacket(f *testing.F) {
	f.Add("tcp 5432 from 203.0.113.7")
	f.Add("icmp type 8 code 0 to ::")
	f.Add("protocol 50 from sg:x")
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePacket(s)
		if err != nil {
			if e := err.Error(); strings.ContainsAny(e, "\r\n") || len(e) > 300 {
				t.Fatalf("error is not one short line: %q", e)
			}
			return
		}
		// What parses renders back to something that parses to the same packet.
		q, err := ParsePacket(p.String())
		if err != nil || q != p {
			t.Fatalf("%q -> %v -> %v, %v", s, p, q, err)
		}
	})
}
