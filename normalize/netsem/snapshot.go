package netsem

import (
	"fmt"
	"strings"

	"github.com/parity-sec/parity/collectors/snapshot"
)

// SGRulesFromSnapshot expands snapshot rules, which carry several sources
// each as EC2 reports them, into single-source rules. group names the
// symbol of a referenced group (without the "sg:" prefix), so the caller
// can apply its account and environment tokens; nil uses the group id.
// An absent port is -1, EC2's "all".
func SGRulesFromSnapshot(rules []snapshot.SGRule, group func(snapshot.GroupRef) string) []SGRule {
	var out []SGRule
	for _, r := range rules {
		base := SGRule{Protocol: r.Protocol, FromPort: intOr(r.FromPort, -1), ToPort: intOr(r.ToPort, -1)}
		add := func(cidr, peer string) {
			x := base
			x.CIDR, x.Peer = cidr, peer
			out = append(out, x)
		}
		for _, c := range r.CIDRs {
			add(c, "")
		}
		for _, c := range r.IPv6CIDRs {
			add(c, "")
		}
		for _, pl := range r.PrefixLists {
			add("", "pl:"+pl)
		}
		for _, g := range r.Groups {
			name := g.GroupID
			if group != nil {
				name = group(g)
			}
			add("", "sg:"+name)
		}
	}
	return out
}

// ACLEntriesFromSnapshot selects one direction of a snapshot ACL. An icmp
// entry without a recorded type or code (snapshots written before they
// were collected) converts to "any type, any code".
func ACLEntriesFromSnapshot(entries []snapshot.ACLEntry, egress bool) ([]ACLEntry, error) {
	var out []ACLEntry
	for _, e := range entries {
		if e.Egress != egress {
			continue
		}
		var allow bool
		switch strings.ToLower(strings.TrimSpace(e.Action)) {
		case "allow":
			allow = true
		case "deny":
		default:
			return nil, fmt.Errorf("entry %d: action %s: want allow or deny", e.RuleNumber, quote(e.Action))
		}
		cidr := e.CIDR
		if cidr != "" && e.IPv6CIDR != "" {
			return nil, fmt.Errorf("entry %d: both CIDR %s and IPv6 CIDR %s", e.RuleNumber, quote(e.CIDR), quote(e.IPv6CIDR))
		}
		if cidr == "" {
			cidr = e.IPv6CIDR
		}
		out = append(out, ACLEntry{RuleNumber: e.RuleNumber, Protocol: e.Protocol, Allow: allow, CIDR: cidr,
			FromPort: intOr(e.FromPort, -1), ToPort: intOr(e.ToPort, -1), ICMPType: intOr(e.ICMPType, -1), ICMPCode: intOr(e.ICMPCode, -1)})
	}
	return out, nil
}

func intOr(p *int, def int) int {
	if p == nil {
		return def
	}
	return *p
}
