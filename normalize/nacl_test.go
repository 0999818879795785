package normalize

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parity-sec/parity/collectors/snapshot"
)

func p(n int) *int { return &n }

func TestACLEffective(t *testing.T) {
	denyAll := snapshot.ACLEntry{RuleNumber: 32767, Protocol: "-1", Action: "deny", CIDR: "0.0.0.0/0"}
	cases := []struct {
		name    string
		entries []snapshot.ACLEntry
		want    []any
	}{
		{
			name:    "allow all",
			entries: []snapshot.ACLEntry{{RuleNumber: 100, Protocol: "-1", Action: "allow", CIDR: "0.0.0.0/0"}, denyAll},
			want:    []any{netRule("all", 0, 65535, "0.0.0.0/0")},
		},
		{
			name: "earlier deny carves out of a later allow",
			entries: []snapshot.ACLEntry{
				{RuleNumber: 100, Protocol: "-1", Action: "deny", CIDR: "10.0.0.0/17"},
				{RuleNumber: 200, Protocol: "6", Action: "allow", CIDR: "10.0.0.0/16", FromPort: p(443), ToPort: p(443)}, denyAll},
			want: []any{netRule("tcp", 443, 443, "10.0.128.0/17")},
		},
		{
			name: "split port ranges and renumbering merge",
			entries: []snapshot.ACLEntry{
				{RuleNumber: 7, Protocol: "tcp", Action: "allow", CIDR: "10.0.0.0/16", FromPort: p(1024), ToPort: p(2047)},
				{RuleNumber: 9, Protocol: "tcp", Action: "allow", CIDR: "10.0.0.0/16", FromPort: p(2048), ToPort: p(65535)}, denyAll},
			want: []any{netRule("tcp", 1024, 65535, "10.0.0.0/16")},
		},
		{
			name: "a deny in front of allow-all stays visible",
			entries: []snapshot.ACLEntry{
				{RuleNumber: 100, Protocol: "6", Action: "deny", CIDR: "0.0.0.0/0", FromPort: p(22), ToPort: p(22)},
				{RuleNumber: 200, Protocol: "-1", Action: "allow", CIDR: "0.0.0.0/0"}, denyAll},
			want: []any{netRule("other", 0, 65535, "0.0.0.0/0"), netRule("tcp", 0, 21, "0.0.0.0/0"), netRule("tcp", 23, 65535, "0.0.0.0/0")},
		},
		{
			name: "a redundant allow in front of allow-all is implied",
			entries: []snapshot.ACLEntry{
				{RuleNumber: 100, Protocol: "6", Action: "allow", CIDR: "10.0.0.0/8", FromPort: p(443), ToPort: p(443)},
				{RuleNumber: 200, Protocol: "-1", Action: "allow", CIDR: "0.0.0.0/0"}, denyAll},
			want: []any{netRule("all", 0, 65535, "0.0.0.0/0")},
		},
		{
			name: "later allow shadowed by earlier deny admits nothing",
			entries: []snapshot.ACLEntry{
				{RuleNumber: 1, Protocol: "-1", Action: "deny", CIDR: "0.0.0.0/0"},
				{RuleNumber: 2, Protocol: "-1", Action: "allow", CIDR: "0.0.0.0/0"}},
			want: []any{},
		},
		{
			name: "egress entries ignored for ingress",
			entries: []snapshot.ACLEntry{
				{RuleNumber: 1, Egress: true, Protocol: "-1", Action: "allow", CIDR: "0.0.0.0/0"}, denyAll},
			want: []any{},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := aclEffective(tc.entries, false)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}
