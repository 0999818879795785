package netsem

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parity-sec/parity/collectors/snapshot"
)

func TestSGRulesFromSnapshot(t *testing.T) {
	p := func(n int) *int { return &n }
	in := []snapshot.SGRule{
		{Protocol: "tcp", FromPort: p(5432), ToPort: p(5432), CIDRs: []string{"10.0.0.0/8"}, IPv6CIDRs: []string{"::/0"},
			PrefixLists: []string{"pl-1"}, Groups: []snapshot.GroupRef{{GroupID: "sg-1", GroupName: "web"}}},
		{Protocol: "-1", CIDRs: []string{"0.0.0.0/0"}},
	}
	got := SGRulesFromSnapshot(in, func(g snapshot.GroupRef) string { return g.GroupName })
	want := []SGRule{
		{Protocol: "tcp", FromPort: 5432, ToPort: 5432, CIDR: "10.0.0.0/8"},
		{Protocol: "tcp", FromPort: 5432, ToPort: 5432, CIDR: "::/0"},
		{Protocol: "tcp", FromPort: 5432, ToPort: 5432, Peer: "pl:pl-1"},
		{Protocol: "tcp", FromPort: 5432, ToPort: 5432, Peer: "sg:web"},
		{Protocol: "-1", FromPort: -1, ToPort: -1, CIDR: "0.0.0.0/0"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	if got := SGRulesFromSnapshot(in[:1], nil); got[3].Peer != "sg:sg-1" {
		t.Errorf("nil namer: %q, want the group id", got[3].Peer)
	}
}

func TestACLEntriesFromSnapshot(t *testing.T) {
	p := func(n int) *int { return &n }
	in := []snapshot.ACLEntry{
		{RuleNumber: 100, Protocol: "6", Action: "allow", CIDR: "0.0.0.0/0", FromPort: p(443), ToPort: p(443)},
		{RuleNumber: 101, Protocol: "-1", Action: "DENY", IPv6CIDR: "::/0"},
		{RuleNumber: 100, Egress: true, Protocol: "-1", Action: "allow", CIDR: "0.0.0.0/0"},
	}
	got, err := ACLEntriesFromSnapshot(in, false)
	if err != nil {
		t.Fatal(err)
	}
	want := []ACLEntry{
		{RuleNumber: 100, Protocol: "6", Allow: true, CIDR: "0.0.0.0/0", FromPort: 443, ToPort: 443, ICMPType: -1, ICMPCode: -1},
		{RuleNumber: 101, Protocol: "-1", CIDR: "::/0", FromPort: -1, ToPort: -1, ICMPType: -1, ICMPCode: -1},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	for _, bad := range []snapshot.ACLEntry{
		{RuleNumber: 1, Protocol: "-1", Action: "maybe\n", CIDR: "0.0.0.0/0"},
		{RuleNumber: 1, Protocol: "-1", Action: "allow", CIDR: "0.0.0.0/0", IPv6CIDR: "::/0"},
	} {
		if _, err := ACLEntriesFromSnapshot([]snapshot.ACLEntry{bad}, false); err == nil {
			t.Errorf("%+v: no error", bad)
		}
	}
}
