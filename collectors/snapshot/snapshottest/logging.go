package snapshottest

import (
	"fmt"

	"github.com/parity-sec/parity/collectors/snapshot"
)

func (g *gen) logging(s *snapshot.Snapshot, e env) {
	for j := 0; j < g.counts[kTrail]; j++ {
		s.Logging.Trails = append(s.Logging.Trails, g.trail(j, e))
	}
	for j := 0; j < g.counts[kLogGroup]; j++ {
		s.Logging.LogGroups = append(s.Logging.LogGroups, g.logGroup(j, e))
	}
	for j := 0; j < g.counts[kFlowLog]; j++ {
		if f, ok := g.flowLog(j, e); ok {
			s.Logging.FlowLogs = append(s.Logging.FlowLogs, f)
		}
	}
}

// Trail drifts, all in staging: no log-file validation, single-region,
// logging stopped.
func (g *gen) trail(j int, e env) snapshot.Trail {
	r, v := g.stream(kTrail, j, 3)
	name := named(kTrail, j, e)
	region := Regions[0]
	t := snapshot.Trail{
		Name: name, ARN: fmt.Sprintf("arn:aws:cloudtrail:%s:%s:trail/%s", region, e.account, name),
		HomeRegion: region, MultiRegion: true, LogFileValidation: true, IsLogging: true, IncludeGlobalEvents: true,
		S3Bucket:           name + "-logs",
		CloudWatchLogGroup: fmt.Sprintf("arn:aws:logs:%s:%s:log-group:/trails/%s:*", region, e.account, name),
		KMSKeyID:           g.keyID(g.someKey(r.IntN(1<<20)), e, v),
		EventSelectors: []snapshot.EventSelector{{ReadWriteType: "All", IncludeManagementEvents: true,
			DataResources: []snapshot.DataResource{{Type: "AWS::S3::Object", Values: []string{"arn:aws:s3:::" + named(kRole, j, e) + "/"}}}}},
	}
	if v.drift && e.name == StagingEnv {
		switch v.which {
		case 0:
			t.LogFileValidation = false
		case 1:
			t.MultiRegion = false
		default:
			t.IsLogging = false
		}
	}
	return t
}

var retentions = []int{7, 14, 30, 90, 365, 0}

// Log group drifts: shorter retention in staging, SIEM forwarding in
// production only.
func (g *gen) logGroup(j int, e env) snapshot.LogGroup {
	r, v := g.stream(kLogGroup, j, 2)
	region := regionOf(kLogGroup, j)
	name := fmt.Sprintf("/aws/%s/%s", pick(r, []string{"ecs", "lambda"}), named(kLogGroup, j, e))
	lg := snapshot.LogGroup{
		Name: name, Region: region, RetentionDays: pick(r, retentions),
		ARN: fmt.Sprintf("arn:aws:logs:%s:%s:log-group:%s", region, e.account, name),
	}
	if r.IntN(5) == 0 {
		lg.KMSKeyID = g.keyID(g.someKey(1+2*r.IntN(1<<20)), e, v)
	}
	siem := r.IntN(10) < 4
	if v.drift {
		switch {
		case v.which == 0 && e.name == StagingEnv:
			lg.RetentionDays = 1
		case v.which == 1 && e.name == ProductionEnv && !siem:
			siem = true
		case v.which == 1 && e.name == StagingEnv && siem:
			siem = false
		}
	}
	if siem {
		lg.SubscriptionFilters = []snapshot.SubscriptionFilter{{Name: "siem-forwarder",
			DestinationARN: fmt.Sprintf("arn:aws:firehose:%s:%s:deliverystream/siem-forwarder", region, e.account)}}
	}
	return lg
}

// flowLog j watches VPC j. Drift removes it from staging; the rewrite
// leaves resource_name empty so pairing has to go through the VPC's tag.
func (g *gen) flowLog(j int, e env) (snapshot.FlowLog, bool) {
	r, v := g.stream(kFlowLog, j, 1)
	if v.drift && e.name == StagingEnv {
		return snapshot.FlowLog{}, false
	}
	f := snapshot.FlowLog{
		ID: g.hexID("fl", kFlowLog, j, e), Region: regionOf(kVPC, j),
		ResourceID: g.hexID("vpc", kVPC, j, e), ResourceName: vpcName(j, e),
		TrafficType: pick(r, []string{"ALL", "ALL", "REJECT"}), DestinationType: "s3",
		Destination: "arn:aws:s3:::" + named(kFlowLog, j, e), Status: "ACTIVE",
	}
	if v.rw(rwNoFlowName, e) {
		f.ResourceName = ""
	}
	return f, true
}
