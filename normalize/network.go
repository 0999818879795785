package normalize

import (
	"fmt"
	"sort"

	"github.com/parity-sec/parity/collectors/snapshot"
)

func (b *builder) network(s *snapshot.Snapshot) error {
	vpcNames := b.vpcNames(s)
	vpcs := append([]snapshot.VPC(nil), s.Network.VPCs...)
	sort.Slice(vpcs, func(i, j int) bool { return vpcs[i].ID < vpcs[j].ID })
	for _, v := range vpcs {
		cidrs, err := canonicalPrefixes(v.CIDRs)
		if err != nil {
			return fmt.Errorf("vpc %s: %w", v.ID, err)
		}
		b.add(KindVPC, v.Region, vpcNames[v.Region+"/"+v.ID], map[string]any{
			"cidrs":      cidrs,
			"is_default": v.IsDefault,
			"tags":       b.tok.tags(v.Tags),
		}, info("name", v.Tags[b.cfg.pairingTag()], "id", v.ID))
	}
	groupNames := map[string]string{}
	for _, g := range s.Network.SecurityGroups {
		groupNames[g.ID] = b.tok.apply(g.Name)
	}
	groups := append([]snapshot.SecurityGroup(nil), s.Network.SecurityGroups...)
	sort.Slice(groups, func(i, j int) bool { return groups[i].ID < groups[j].ID })
	for _, g := range groups {
		in, err := b.sgSet(g.Ingress, groupNames)
		if err != nil {
			return fmt.Errorf("security group %s (%s): ingress: %w", g.Name, g.ID, err)
		}
		out, err := b.sgSet(g.Egress, groupNames)
		if err != nil {
			return fmt.Errorf("security group %s (%s): egress: %w", g.Name, g.ID, err)
		}
		inV, inPrint := b.tuplesValue(in)
		outV, outPrint := b.tuplesValue(out)
		r := b.add(KindSecurityGroup, g.Region, vpcLabel(vpcNames, g.Region, g.VPCID)+"/"+b.tok.apply(g.Name), map[string]any{
			"ingress": inV,
			"egress":  outV,
		}, info("name", g.Name, "id", g.ID, "vpc_id", g.VPCID, "description", g.Description))
		r.setPackets("ingress", in, inPrint)
		r.setPackets("egress", out, outPrint)
	}
	acls := append([]snapshot.NetworkACL(nil), s.Network.NetworkACLs...)
	sort.Slice(acls, func(i, j int) bool { return acls[i].ID < acls[j].ID })
	for _, a := range acls {
		in, err := aclSet(a.Entries, false)
		if err != nil {
			return fmt.Errorf("network acl %s: ingress: %w", a.ID, err)
		}
		out, err := aclSet(a.Entries, true)
		if err != nil {
			return fmt.Errorf("network acl %s: egress: %w", a.ID, err)
		}
		name := b.tok.apply(a.Tags[b.cfg.pairingTag()])
		switch {
		case a.IsDefault:
			name = "default"
		case name == "":
			name = a.ID
		}
		inV, inPrint := b.tuplesValue(in)
		outV, outPrint := b.tuplesValue(out)
		r := b.add(KindNetworkACL, a.Region, vpcLabel(vpcNames, a.Region, a.VPCID)+"/"+name, map[string]any{
			"ingress":    inV,
			"egress":     outV,
			"is_default": a.IsDefault,
		}, info("name", a.Tags[b.cfg.pairingTag()], "id", a.ID, "vpc_id", a.VPCID))
		r.setPackets("ingress", in, inPrint)
		r.setPackets("egress", out, outPrint)
	}
	return nil
}

// vpcNames maps "region/vpc-id" to the VPC's canonical pairing name: its
// pairing tag, else "default" for the default VPC, else its id (which will
// not pair, and says so by showing up on one side only).
func (b *builder) vpcNames(s *snapshot.Snapshot) map[string]string {
	out := make(map[string]string, len(s.Network.VPCs))
	for _, v := range s.Network.VPCs {
		name := b.tok.apply(v.Tags[b.cfg.pairingTag()])
		if name == "" && v.IsDefault {
			name = "default"
		}
		if name == "" {
			name = v.ID
		}
		out[v.Region+"/"+v.ID] = name
	}
	return out
}

func vpcLabel(names map[string]string, region, id string) string {
	if n, ok := names[region+"/"+id]; ok {
		return n
	}
	if id == "" {
		return "no-vpc"
	}
	return id
}
