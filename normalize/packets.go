package normalize

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/parity-sec/parity/collectors/snapshot"
	"github.com/parity-sec/parity/normalize/netsem"
)

// sgSet is what one direction of a security group admits, exactly. Group
// references are symbolic peers named by the referenced group's canonical
// name (or ${peer_account}/id across accounts), prefix lists by id.
func (b *builder) sgSet(rules []snapshot.SGRule, groupNames map[string]string) (netsem.Set, error) {
	var out []netsem.SGRule
	for _, r := range rules {
		base := netsem.SGRule{Protocol: r.Protocol, FromPort: intOr(r.FromPort, -1), ToPort: intOr(r.ToPort, -1)}
		for _, c := range append(append([]string(nil), r.CIDRs...), r.IPv6CIDRs...) {
			x := base
			x.CIDR = strings.TrimSpace(c)
			out = append(out, x)
		}
		for _, pl := range r.PrefixLists {
			x := base
			x.Peer = "pl:" + pl
			out = append(out, x)
		}
		for _, g := range r.Groups {
			x := base
			x.Peer = b.groupSource(g, groupNames)
			out = append(out, x)
		}
	}
	return netsem.FromSG(out)
}

// aclSet is what one direction of a network ACL admits under first-match
// evaluation by rule number, exactly.
func aclSet(entries []snapshot.ACLEntry, egress bool) (netsem.Set, error) {
	var out []netsem.ACLEntry
	for _, e := range entries {
		if e.Egress != egress {
			continue
		}
		cidr := e.CIDR
		if cidr == "" {
			cidr = e.IPv6CIDR
		}
		out = append(out, netsem.ACLEntry{
			RuleNumber: e.RuleNumber, Protocol: e.Protocol, Allow: strings.EqualFold(e.Action, "allow"),
			CIDR: strings.TrimSpace(cidr), FromPort: intOr(e.FromPort, -1), ToPort: intOr(e.ToPort, -1),
			ICMPType: intOr(e.ICMPType, -1), ICMPCode: intOr(e.ICMPCode, -1),
		})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].RuleNumber < out[j].RuleNumber })
	return netsem.FromACL(out)
}

func intOr(p *int, def int) int {
	if p == nil {
		return def
	}
	return *p
}

// TuplesValue renders a packet set as the network tuples Attrs hold.
func TuplesValue(s netsem.Set) []any {
	ts := s.Tuples()
	out := make([]any, len(ts))
	for i, t := range ts {
		out[i] = TupleValue(t)
	}
	return out
}

// TupleValue is one tuple as data: {"protocol", "from_port", "to_port",
// "icmp_type", "icmp_code", "source"}; -1 means "not applicable" or "any".
func TupleValue(t netsem.Tuple) map[string]any {
	return map[string]any{
		"protocol": t.Protocol, "from_port": t.FromPort, "to_port": t.ToPort,
		"icmp_type": t.ICMPType, "icmp_code": t.ICMPCode, "source": t.Source,
	}
}

// SetFromTuples rebuilds a packet set from tuples as TupleValue writes
// them, for the parity.net built-ins: tuples are boxes of admitted
// packets, so their union is the set.
func SetFromTuples(v any) (netsem.Set, error) {
	list, ok := v.([]any)
	if !ok {
		return netsem.Set{}, fmt.Errorf("tuples: want a list, got %T", v)
	}
	var rules []netsem.SGRule
	for i, e := range list {
		m, ok := e.(map[string]any)
		if !ok {
			return netsem.Set{}, fmt.Errorf("tuple %d: want an object", i)
		}
		proto := str(m["protocol"])
		from, to := num(m["from_port"]), num(m["to_port"])
		if t := num(m["icmp_type"]); proto == "icmp" || proto == "icmpv6" {
			from, to = t, num(m["icmp_code"])
		}
		r := netsem.SGRule{FromPort: from, ToPort: to}
		src := str(m["source"])
		if strings.HasPrefix(src, "sg:") || strings.HasPrefix(src, "pl:") {
			r.Peer = src
		} else {
			r.CIDR = src
		}
		lo, hi, isRange := strings.Cut(proto, "-")
		if !isRange || proto == "-1" {
			r.Protocol = proto
			rules = append(rules, r)
			continue
		}
		a, err1 := strconv.Atoi(lo)
		z, err2 := strconv.Atoi(hi)
		if err1 != nil || err2 != nil || a < 0 || z > 255 || a > z {
			return netsem.Set{}, fmt.Errorf("tuple %d: protocol %q: want a name, a number or n-m", i, proto)
		}
		for p := a; p <= z; p++ {
			x := r
			x.Protocol = strconv.Itoa(p)
			rules = append(rules, x)
		}
	}
	return netsem.FromSG(rules)
}

func num(v any) int {
	switch t := v.(type) {
	case int:
		return t
	case int64:
		return int(t)
	case float64:
		return int(t)
	case json.Number:
		if n, err := t.Int64(); err == nil {
			return int(n)
		}
	}
	return -1
}
