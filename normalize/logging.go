package normalize

import (
	"encoding/json"
	"sort"
	"strings"

	"github.com/parity-sec/parity/collectors/snapshot"
)

func (b *builder) logging(s *snapshot.Snapshot) error {
	for _, t := range s.Logging.Trails {
		b.add(KindTrail, t.HomeRegion, b.tok.apply(t.Name), map[string]any{
			"multi_region":             t.MultiRegion,
			"log_file_validation":      t.LogFileValidation,
			"is_logging":               t.IsLogging,
			"include_global_events":    t.IncludeGlobalEvents,
			"is_organization_trail":    t.IsOrganizationTrail,
			"s3_bucket":                b.tok.apply(t.S3Bucket),
			"cloudwatch_log_group":     b.tok.apply(t.CloudWatchLogGroup),
			"kms_key":                  b.kms.ref(t.KMSKeyID, KeyNone),
			"event_selectors":          b.eventSelectors(t.EventSelectors),
			"advanced_event_selectors": b.tok.strs(t.AdvancedEventSelectors),
		}, info("name", t.Name, "arn", t.ARN))
	}
	for _, g := range s.Logging.LogGroups {
		filters := make([]any, 0, len(g.SubscriptionFilters))
		seen := map[string]bool{}
		for _, f := range g.SubscriptionFilters {
			v := map[string]any{"destination": b.tok.apply(f.DestinationARN), "filter_pattern": f.FilterPattern}
			k := v["destination"].(string) + "\x00" + f.FilterPattern
			if !seen[k] {
				seen[k] = true
				filters = append(filters, v)
			}
		}
		sort.Slice(filters, func(i, j int) bool { return filterKey(filters[i]) < filterKey(filters[j]) })
		b.add(KindLogGroup, g.Region, b.tok.apply(g.Name), map[string]any{
			"retention_days":       g.RetentionDays,
			"kms_key":              b.kms.ref(g.KMSKeyID, KeyNone),
			"subscription_filters": filters,
		}, info("name", g.Name, "arn", g.ARN))
	}
	logs := append([]snapshot.FlowLog(nil), s.Logging.FlowLogs...)
	sort.Slice(logs, func(i, j int) bool { return logs[i].ID < logs[j].ID })
	vpcNames := b.vpcNames(s)
	for _, f := range logs {
		// vpcNames are canonical already; tokenizing twice would escape
		// their tokens as if a name had spelt them literally.
		target := b.tok.apply(f.ResourceName)
		if target == "" {
			target = vpcNames[f.Region+"/"+f.ResourceID]
		}
		if target == "" {
			target = b.tok.apply(f.ResourceID)
		}
		b.add(KindFlowLog, f.Region, target, map[string]any{
			"traffic_type":     strings.ToUpper(f.TrafficType),
			"destination_type": f.DestinationType,
			"destination":      b.tok.apply(f.Destination),
			"status":           f.Status,
		}, info("name", f.ID, "id", f.ID, "resource_id", f.ResourceID))
	}
	return nil
}

func filterKey(v any) string {
	m := v.(map[string]any)
	return m["destination"].(string) + "\x00" + m["filter_pattern"].(string)
}

func (b *builder) eventSelectors(sel []snapshot.EventSelector) []any {
	out := make([]string, 0, len(sel))
	for _, s := range sel {
		drs := make([]string, 0, len(s.DataResources))
		for _, d := range s.DataResources {
			vals := make([]string, len(d.Values))
			for i, v := range d.Values {
				vals[i] = b.tok.apply(v)
			}
			sort.Strings(vals)
			drs = append(drs, d.Type+"="+strings.Join(vals, ","))
		}
		sort.Strings(drs)
		rw := s.ReadWriteType
		if rw == "" {
			rw = "All"
		}
		v, _ := json.Marshal(map[string]any{"read_write_type": rw, "include_management_events": s.IncludeManagementEvents, "data_resources": drs})
		out = append(out, string(v))
	}
	// Selectors are kept as canonical JSON text: readable, and a set of
	// strings compares without nested structure.
	return stringSet(out)
}
