package netsem

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// benchRule draws a plausible rule: mostly tcp on common or random ports,
// from random IPv4 blocks of /8 to /32, some IPv6 and group references.
func benchRule(r *rand.Rand) SGRule {
	ports := []int{22, 80, 443, 3306, 3389, 5432, 6379, 8080, 8443, 9200}
	rule := SGRule{Protocol: "tcp", FromPort: ports[r.IntN(len(ports))]}
	rule.ToPort = rule.FromPort
	switch k := r.IntN(20); {
	case k == 0:
		rule = SGRule{Protocol: "-1", FromPort: -1, ToPort: -1}
	case k == 1:
		rule = SGRule{Protocol: "icmp", FromPort: 8, ToPort: -1}
	case k < 4:
		rule.Protocol, rule.FromPort, rule.ToPort = "udp", 53, 53
	case k < 7:
		rule.FromPort = r.IntN(60000)
		rule.ToPort = rule.FromPort + r.IntN(5000)
	}
	switch k := r.IntN(10); {
	case k == 0:
		rule.Peer = fmt.Sprintf("sg:app-%d", r.IntN(30))
	case k == 1:
		rule.CIDR = fmt.Sprintf("2001:db8:%x::/%d", r.IntN(65536), 48+r.IntN(81))
	default:
		rule.CIDR = fmt.Sprintf("%d.%d.%d.%d/%d", 10+r.IntN(200), r.IntN(256), r.IntN(256), r.IntN(256), 8+r.IntN(25))
	}
	return rule
}

func benchACL(r *rand.Rand, n int) []ACLEntry {
	es := make([]ACLEntry, n)
	for i := range es {
		sg := benchRule(r)
		es[i] = ACLEntry{RuleNumber: (i + 1) * 10, Protocol: sg.Protocol, Allow: r.IntN(3) > 0, CIDR: sg.CIDR,
			FromPort: sg.FromPort, ToPort: sg.ToPort, ICMPType: -1, ICMPCode: -1}
		if sg.Peer != "" {
			es[i].CIDR = "0.0.0.0/0"
		}
		if sg.Protocol == "icmp" {
			es[i].FromPort, es[i].ToPort, es[i].ICMPType = -1, -1, 8
		}
	}
	es[n-1] = ACLEntry{RuleNumber: n * 10, Protocol: "-1", Allow: true, CIDR: "0.0.0.0/0", FromPort: -1, ToPort: -1, ICMPType: -1, ICMPCode: -1}
	return es
}

// BenchmarkSecurityGroups builds staging and production sets for 300
// groups of 20 rules (production changes one rule per group) and compares
// each pair with witnesses and renders the differences as tuples.
func BenchmarkSecurityGroups(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	const groups, rules = 300, 20
	stg, prd := make([][]SGRule, groups), make([][]SGRule, groups)
	for i := range stg {
		for j := 0; j < rules; j++ {
			stg[i] = append(stg[i], benchRule(r))
		}
		prd[i] = append([]SGRule(nil), stg[i]...)
		prd[i][r.IntN(rules)] = benchRule(r)
	}
	b.ReportAllocs()
	for b.Loop() {
		for i := range stg {
			a, err := FromSG(stg[i])
			if err != nil {
				b.Fatal(err)
			}
			c, err := FromSG(prd[i])
			if err != nil {
				b.Fatal(err)
			}
			if v := Compare(a, c); v.Relation != Equal {
				a.Minus(c).Tuples()
				c.Minus(a).Tuples()
			}
		}
	}
}

// BenchmarkNetworkACLs does the same for 50 ACLs of 40 entries.
func BenchmarkNetworkACLs(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	const acls, entries = 50, 40
	stg, prd := make([][]ACLEntry, acls), make([][]ACLEntry, acls)
	for i := range stg {
		stg[i] = benchACL(r, entries)
		prd[i] = append([]ACLEntry(nil), stg[i]...)
		k := r.IntN(entries - 1)
		prd[i][k].Allow = !prd[i][k].Allow
	}
	b.ReportAllocs()
	for b.Loop() {
		for i := range stg {
			a, err := FromACL(stg[i])
			if err != nil {
				b.Fatal(err)
			}
			c, err := FromACL(prd[i])
			if err != nil {
				b.Fatal(err)
			}
			if v := Compare(a, c); v.Relation != Equal {
				a.Minus(c).Tuples()
				c.Minus(a).Tuples()
			}
		}
	}
}
