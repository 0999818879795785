package collectors

import (
	"context"
	"encoding/json"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/parity-sec/parity/collectors/snapshot"
)

type ec2API interface {
	DescribeVpcs(context.Context, *ec2.DescribeVpcsInput, ...func(*ec2.Options)) (*ec2.DescribeVpcsOutput, error)
	DescribeSecurityGroups(context.Context, *ec2.DescribeSecurityGroupsInput, ...func(*ec2.Options)) (*ec2.DescribeSecurityGroupsOutput, error)
	DescribeNetworkAcls(context.Context, *ec2.DescribeNetworkAclsInput, ...func(*ec2.Options)) (*ec2.DescribeNetworkAclsOutput, error)
	DescribeFlowLogs(context.Context, *ec2.DescribeFlowLogsInput, ...func(*ec2.Options)) (*ec2.DescribeFlowLogsOutput, error)
}

type wireVpcs struct {
	Vpcs []struct {
		VpcId                   string
		CidrBlock               string
		IsDefault               bool
		Tags                    []wireTag
		CidrBlockAssociationSet []struct {
			CidrBlock      string
			CidrBlockState struct{ State string }
		}
		Ipv6CidrBlockAssociationSet []struct {
			Ipv6CidrBlock      string
			Ipv6CidrBlockState struct{ State string }
		}
	}
}

type wireIPPermission struct {
	IpProtocol       string
	FromPort         *int
	ToPort           *int
	IpRanges         []struct{ CidrIp string }
	Ipv6Ranges       []struct{ CidrIpv6 string }
	PrefixListIds    []struct{ PrefixListId string }
	UserIdGroupPairs []struct{ GroupId, GroupName, UserId string }
}

type wireSecurityGroups struct {
	SecurityGroups []struct {
		GroupId             string
		GroupName           string
		VpcId               string
		Description         string
		Tags                []wireTag
		IpPermissions       []wireIPPermission
		IpPermissionsEgress []wireIPPermission
	}
}

type wireNetworkAcls struct {
	NetworkAcls []struct {
		NetworkAclId string
		VpcId        string
		IsDefault    bool
		Tags         []wireTag
		Entries      []struct {
			RuleNumber    int
			Egress        bool
			Protocol      string
			RuleAction    string
			CidrBlock     string
			Ipv6CidrBlock string
			PortRange     *struct{ From, To *int }
			IcmpTypeCode  *struct{ Type, Code *int }
		}
	}
}

type wireFlowLogs struct {
	FlowLogs []struct {
		FlowLogId          string
		ResourceId         string
		TrafficType        string
		LogDestinationType string
		LogDestination     string
		LogGroupName       string
		FlowLogStatus      string
	}
}

type ec2Export struct {
	Vpcs           wireVpcs           // ec2-describe-vpcs
	SecurityGroups wireSecurityGroups // ec2-describe-security-groups
	NetworkAcls    wireNetworkAcls    // ec2-describe-network-acls
	FlowLogs       wireFlowLogs       // ec2-describe-flow-logs
}

// fetchEC2 reads the four network lists; a failure in one does not stop the others.
func fetchEC2(ctx context.Context, c ec2API) (ec2Export, error) {
	var ex ec2Export
	var errs firstError
	vpcs := ec2.NewDescribeVpcsPaginator(c, &ec2.DescribeVpcsInput{MaxResults: aws.Int32(1000)})
	for vpcs.HasMorePages() {
		page, err := vpcs.NextPage(ctx)
		var w wireVpcs
		if errs.add(wrap("describe vpcs", err)) || errs.add(recode(page, &w)) {
			break
		}
		ex.Vpcs.Vpcs = append(ex.Vpcs.Vpcs, w.Vpcs...)
	}
	sgs := ec2.NewDescribeSecurityGroupsPaginator(c, &ec2.DescribeSecurityGroupsInput{MaxResults: aws.Int32(1000)})
	for sgs.HasMorePages() {
		page, err := sgs.NextPage(ctx)
		var w wireSecurityGroups
		if errs.add(wrap("describe security groups", err)) || errs.add(recode(page, &w)) {
			break
		}
		ex.SecurityGroups.SecurityGroups = append(ex.SecurityGroups.SecurityGroups, w.SecurityGroups...)
	}
	acls := ec2.NewDescribeNetworkAclsPaginator(c, &ec2.DescribeNetworkAclsInput{MaxResults: aws.Int32(1000)})
	for acls.HasMorePages() {
		page, err := acls.NextPage(ctx)
		var w wireNetworkAcls
		if errs.add(wrap("describe network acls", err)) || errs.add(recode(page, &w)) {
			break
		}
		ex.NetworkAcls.NetworkAcls = append(ex.NetworkAcls.NetworkAcls, w.NetworkAcls...)
	}
	flows := ec2.NewDescribeFlowLogsPaginator(c, &ec2.DescribeFlowLogsInput{MaxResults: aws.Int32(1000)})
	for flows.HasMorePages() {
		page, err := flows.NextPage(ctx)
		var w wireFlowLogs
		if errs.add(wrap("describe flow logs", err)) || errs.add(recode(page, &w)) {
			break
		}
		ex.FlowLogs.FlowLogs = append(ex.FlowLogs.FlowLogs, w.FlowLogs...)
	}
	return ex, errs.err
}

func (ex ec2Export) build(region string) (snapshot.Network, []snapshot.FlowLog) {
	var n snapshot.Network
	vpcNames := map[string]string{}
	for _, v := range ex.Vpcs.Vpcs {
		vpc := snapshot.VPC{ID: v.VpcId, Region: region, IsDefault: v.IsDefault, Tags: tagMap(v.Tags)}
		cidrs := map[string]bool{}
		if v.CidrBlock != "" {
			cidrs[v.CidrBlock] = true
		}
		for _, a := range v.CidrBlockAssociationSet {
			if a.CidrBlockState.State == "" || a.CidrBlockState.State == "associated" {
				cidrs[a.CidrBlock] = true
			}
		}
		for _, a := range v.Ipv6CidrBlockAssociationSet {
			if a.Ipv6CidrBlockState.State == "" || a.Ipv6CidrBlockState.State == "associated" {
				cidrs[a.Ipv6CidrBlock] = true
			}
		}
		vpc.CIDRs = sortedKeys(cidrs)
		vpcNames[v.VpcId] = vpc.Tags["Name"]
		n.VPCs = append(n.VPCs, vpc)
	}
	for _, g := range ex.SecurityGroups.SecurityGroups {
		n.SecurityGroups = append(n.SecurityGroups, snapshot.SecurityGroup{
			ID: g.GroupId, Name: g.GroupName, Region: region, VPCID: g.VpcId, Description: g.Description,
			Tags: tagMap(g.Tags), Ingress: sgRules(g.IpPermissions), Egress: sgRules(g.IpPermissionsEgress),
		})
	}
	for _, a := range ex.NetworkAcls.NetworkAcls {
		acl := snapshot.NetworkACL{ID: a.NetworkAclId, Region: region, VPCID: a.VpcId, IsDefault: a.IsDefault, Tags: tagMap(a.Tags)}
		for _, e := range a.Entries {
			entry := snapshot.ACLEntry{RuleNumber: e.RuleNumber, Egress: e.Egress, Protocol: e.Protocol, Action: e.RuleAction, CIDR: e.CidrBlock, IPv6CIDR: e.Ipv6CidrBlock}
			if e.PortRange != nil {
				entry.FromPort, entry.ToPort = e.PortRange.From, e.PortRange.To
			}
			if e.IcmpTypeCode != nil {
				entry.ICMPType, entry.ICMPCode = e.IcmpTypeCode.Type, e.IcmpTypeCode.Code
			}
			acl.Entries = append(acl.Entries, entry)
		}
		sort.Slice(acl.Entries, func(i, j int) bool {
			x, y := acl.Entries[i], acl.Entries[j]
			if x.Egress != y.Egress {
				return !x.Egress
			}
			return x.RuleNumber < y.RuleNumber
		})
		n.NetworkACLs = append(n.NetworkACLs, acl)
	}
	var flows []snapshot.FlowLog
	for _, f := range ex.FlowLogs.FlowLogs {
		dest := f.LogDestination
		if dest == "" {
			dest = f.LogGroupName
		}
		flows = append(flows, snapshot.FlowLog{
			ID: f.FlowLogId, Region: region, ResourceID: f.ResourceId, ResourceName: vpcNames[f.ResourceId],
			TrafficType: f.TrafficType, DestinationType: f.LogDestinationType, Destination: dest, Status: f.FlowLogStatus,
		})
	}
	sort.Slice(n.VPCs, func(i, j int) bool { return n.VPCs[i].ID < n.VPCs[j].ID })
	sort.Slice(n.SecurityGroups, func(i, j int) bool { return n.SecurityGroups[i].ID < n.SecurityGroups[j].ID })
	sort.Slice(n.NetworkACLs, func(i, j int) bool { return n.NetworkACLs[i].ID < n.NetworkACLs[j].ID })
	sort.Slice(flows, func(i, j int) bool { return flows[i].ID < flows[j].ID })
	return n, flows
}

func sgRules(perms []wireIPPermission) []snapshot.SGRule {
	var out []snapshot.SGRule
	for _, p := range perms {
		r := snapshot.SGRule{Protocol: p.IpProtocol, FromPort: p.FromPort, ToPort: p.ToPort}
		for _, x := range p.IpRanges {
			r.CIDRs = append(r.CIDRs, x.CidrIp)
		}
		for _, x := range p.Ipv6Ranges {
			r.IPv6CIDRs = append(r.IPv6CIDRs, x.CidrIpv6)
		}
		for _, x := range p.PrefixListIds {
			r.PrefixLists = append(r.PrefixLists, x.PrefixListId)
		}
		for _, x := range p.UserIdGroupPairs {
			r.Groups = append(r.Groups, snapshot.GroupRef{GroupID: x.GroupId, GroupName: x.GroupName, AccountID: x.UserId})
		}
		r.CIDRs, r.IPv6CIDRs, r.PrefixLists = sortedCopy(r.CIDRs), sortedCopy(r.IPv6CIDRs), sortedCopy(r.PrefixLists)
		sort.Slice(r.Groups, func(i, j int) bool { return r.Groups[i].GroupID < r.Groups[j].GroupID })
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return ruleKey(out[i]) < ruleKey(out[j]) })
	return out
}

// ruleKey orders rules by protocol and ports, then sources, for stable output.
func ruleKey(r snapshot.SGRule) string {
	b, _ := json.Marshal(r) // a struct of strings and ints always encodes
	return string(b)
}
