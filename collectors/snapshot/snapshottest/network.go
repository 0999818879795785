package snapshottest

import (
	"fmt"
	"math/rand/v2"

	"github.com/parity-sec/parity/collectors/snapshot"
)

func (g *gen) network(s *snapshot.Snapshot, e env) {
	for j := 0; j < g.counts[kVPC]; j++ {
		s.Network.VPCs = append(s.Network.VPCs, g.vpc(j, e))
	}
	for j := 0; j < g.counts[kSecurityGroup]; j++ {
		s.Network.SecurityGroups = append(s.Network.SecurityGroups, g.securityGroup(j, e))
	}
	for j := 0; j < g.counts[kNetworkACL]; j++ {
		s.Network.NetworkACLs = append(s.Network.NetworkACLs, g.networkACL(j, e))
	}
}

func vpcName(j int, e env) string { return base(kVPC, j) + "-vpc-" + e.name }

func vpcCIDR(j int) string { return fmt.Sprintf("10.%d.%d.0/20", j/16%256, j%16*16) }

// vpcOf places resource j of kind k in a VPC; -1 when there is none.
func (g *gen) vpcOf(k kind, j int) int {
	if g.counts[kVPC] == 0 {
		return -1
	}
	return int(mix(uint64(k)<<32|uint64(j)) % uint64(g.counts[kVPC]))
}

// VPC drift: a different CIDR in staging.
func (g *gen) vpc(j int, e env) snapshot.VPC {
	_, v := g.stream(kVPC, j, 1)
	cidr := vpcCIDR(j)
	if v.drift && e.name == StagingEnv {
		cidr = fmt.Sprintf("172.%d.0.0/16", 16+j%16)
	}
	return snapshot.VPC{ID: g.hexID("vpc", kVPC, j, e), Region: regionOf(kVPC, j), CIDRs: []string{cidr}, Tags: tags(e, vpcName(j, e))}
}

var sgPorts = []int{443, 80, 8080, 5432, 6379, 3306, 9092, 8443}

// Security-group drift: staging opens SSH to the internet.
func (g *gen) securityGroup(j int, e env) snapshot.SecurityGroup {
	r, v := g.stream(kSecurityGroup, j, 1)
	name := named(kSecurityGroup, j, e)
	vi := g.vpcOf(kSecurityGroup, j)
	sg := snapshot.SecurityGroup{
		ID: g.hexID("sg", kSecurityGroup, j, e), Name: name, Description: "generated", Tags: tags(e, name),
		Region: Regions[0], Egress: []snapshot.SGRule{{Protocol: "-1", CIDRs: []string{"0.0.0.0/0"}}},
	}
	local := "10.250.0.0/16"
	if vi >= 0 {
		sg.VPCID, sg.Region, local = g.hexID("vpc", kVPC, vi, e), regionOf(kVPC, vi), vpcCIDR(vi)
	}
	sources := []string{local, "192.168.100.0/24", "172.16.0.0/12", "10.200.0.0/16"}
	for i := 2 + r.IntN(5); i > 0; i-- {
		port := pick(r, sgPorts)
		rule := snapshot.SGRule{Protocol: "tcp", FromPort: intp(port), ToPort: intp(port)}
		switch r.IntN(4) {
		case 0:
			// A reference to another group of the same kind, by id as EC2 reports it.
			other := r.IntN(g.counts[kSecurityGroup])
			rule.Groups = []snapshot.GroupRef{{GroupID: g.hexID("sg", kSecurityGroup, other, e), AccountID: e.account}}
		default:
			n := 1 + r.IntN(2)
			start := r.IntN(len(sources))
			for c := 0; c < n; c++ {
				rule.CIDRs = append(rule.CIDRs, sources[(start+c)%len(sources)])
			}
		}
		sg.Ingress = append(sg.Ingress, rule)
	}
	if v.drift && e.name == StagingEnv {
		sg.Ingress = append(sg.Ingress, snapshot.SGRule{Protocol: "tcp", FromPort: intp(22), ToPort: intp(22), CIDRs: []string{"0.0.0.0/0"}})
	}
	if v.rw(rwSplitCIDRs, e) {
		sg.Ingress = splitCIDRs(sg.Ingress)
	}
	return sg
}

// splitCIDRs turns each rule with several CIDRs into one rule per CIDR,
// which EC2 treats as the same permission.
func splitCIDRs(rules []snapshot.SGRule) []snapshot.SGRule {
	var out []snapshot.SGRule
	for _, rl := range rules {
		if len(rl.CIDRs) < 2 {
			out = append(out, rl)
			continue
		}
		for _, c := range rl.CIDRs {
			one := rl
			one.CIDRs = []string{c}
			out = append(out, one)
		}
	}
	return out
}

// NACL drift: staging allows all inbound traffic ahead of its other rules.
func (g *gen) networkACL(j int, e env) snapshot.NetworkACL {
	r, v := g.stream(kNetworkACL, j, 1)
	name := base(kNetworkACL, j) + "-nacl-" + e.name
	vi := g.vpcOf(kNetworkACL, j)
	a := snapshot.NetworkACL{ID: g.hexID("acl", kNetworkACL, j, e), Region: Regions[0], Tags: tags(e, name)}
	local := "10.250.0.0/16"
	if vi >= 0 {
		a.VPCID, a.Region, local = g.hexID("vpc", kVPC, vi, e), regionOf(kVPC, vi), vpcCIDR(vi)
	}
	step := 100
	if v.rw(rwRenumber, e) {
		step = 10
	}
	if v.drift && e.name == StagingEnv {
		a.Entries = append(a.Entries, snapshot.ACLEntry{RuleNumber: step / 2, Protocol: "-1", Action: "allow", CIDR: "0.0.0.0/0"})
	}
	a.Entries = append(a.Entries, aclRules(r, step, local)...)
	a.Entries = append(a.Entries,
		snapshot.ACLEntry{RuleNumber: 32767, Protocol: "-1", Action: "deny", CIDR: "0.0.0.0/0"},
		snapshot.ACLEntry{RuleNumber: step, Egress: true, Protocol: "-1", Action: "allow", CIDR: "0.0.0.0/0"},
		snapshot.ACLEntry{RuleNumber: 32767, Egress: true, Protocol: "-1", Action: "deny", CIDR: "0.0.0.0/0"},
	)
	return a
}

func aclRules(r *rand.Rand, step int, local string) []snapshot.ACLEntry {
	var out []snapshot.ACLEntry
	n := 1 + r.IntN(4)
	for i := 0; i < n; i++ {
		port := pick(r, sgPorts)
		out = append(out, snapshot.ACLEntry{RuleNumber: step * (i + 1), Protocol: "6", Action: "allow", CIDR: local, FromPort: intp(port), ToPort: intp(port)})
	}
	out = append(out, snapshot.ACLEntry{RuleNumber: step * (n + 1), Protocol: "6", Action: "allow", CIDR: "0.0.0.0/0", FromPort: intp(1024), ToPort: intp(65535)})
	return out
}

func intp(i int) *int { return &i }
