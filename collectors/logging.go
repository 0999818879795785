package collectors

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/parity-sec/parity/collectors/snapshot"
)

type cloudtrailAPI interface {
	DescribeTrails(context.Context, *cloudtrail.DescribeTrailsInput, ...func(*cloudtrail.Options)) (*cloudtrail.DescribeTrailsOutput, error)
	GetTrailStatus(context.Context, *cloudtrail.GetTrailStatusInput, ...func(*cloudtrail.Options)) (*cloudtrail.GetTrailStatusOutput, error)
	GetEventSelectors(context.Context, *cloudtrail.GetEventSelectorsInput, ...func(*cloudtrail.Options)) (*cloudtrail.GetEventSelectorsOutput, error)
}

type wireDescribeTrails struct {
	TrailList []struct {
		Name                       string
		TrailARN                   string
		HomeRegion                 string
		IsMultiRegionTrail         bool
		LogFileValidationEnabled   bool
		IncludeGlobalServiceEvents bool
		IsOrganizationTrail        bool
		S3BucketName               string
		CloudWatchLogsLogGroupArn  string
		KmsKeyId                   string
	}
}

type wireTrailStatus struct {
	IsLogging bool
}

type wireEventSelectors struct {
	EventSelectors []struct {
		ReadWriteType           string
		IncludeManagementEvents bool
		DataResources           []struct {
			Type   string
			Values []string
		}
	}
	AdvancedEventSelectors []struct {
		Name           string
		FieldSelectors []struct {
			Field                                                               string
			Equals, StartsWith, EndsWith, NotEquals, NotStartsWith, NotEndsWith []string
		}
	}
}

type cloudtrailExport struct {
	Trails    wireDescribeTrails            // cloudtrail-describe-trails
	Status    map[string]wireTrailStatus    // cloudtrail-get-trail-status, by trail name
	Selectors map[string]wireEventSelectors // cloudtrail-get-event-selectors, by trail name
}

// fetchCloudTrail reads the trails whose home is this region; a multi-region
// trail's copies elsewhere (shadow trails) would only repeat it.
func fetchCloudTrail(ctx context.Context, c cloudtrailAPI, region string) (cloudtrailExport, error) {
	ex := cloudtrailExport{Status: map[string]wireTrailStatus{}, Selectors: map[string]wireEventSelectors{}}
	out, err := c.DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{IncludeShadowTrails: aws.Bool(false)})
	if err != nil {
		return ex, wrap("describe trails", err)
	}
	if err := recode(out, &ex.Trails); err != nil {
		return ex, err
	}
	var errs firstError
	for _, t := range ex.Trails.TrailList {
		if t.HomeRegion != region {
			continue
		}
		if out, err := c.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String(t.Name)}); !errs.add(wrap("get trail status", err)) {
			var w wireTrailStatus
			if !errs.add(recode(out, &w)) {
				ex.Status[t.Name] = w
			}
		}
		if out, err := c.GetEventSelectors(ctx, &cloudtrail.GetEventSelectorsInput{TrailName: aws.String(t.Name)}); !errs.add(wrap("get event selectors", err)) {
			var w wireEventSelectors
			if !errs.add(recode(out, &w)) {
				ex.Selectors[t.Name] = w
			}
		}
	}
	return ex, errs.err
}

func (ex cloudtrailExport) build(region string) []snapshot.Trail {
	var out []snapshot.Trail
	for _, t := range ex.Trails.TrailList {
		if t.HomeRegion != region {
			continue
		}
		trail := snapshot.Trail{
			Name:                t.Name,
			ARN:                 t.TrailARN,
			HomeRegion:          t.HomeRegion,
			MultiRegion:         t.IsMultiRegionTrail,
			LogFileValidation:   t.LogFileValidationEnabled,
			IsLogging:           ex.Status[t.Name].IsLogging,
			IncludeGlobalEvents: t.IncludeGlobalServiceEvents,
			IsOrganizationTrail: t.IsOrganizationTrail,
			S3Bucket:            t.S3BucketName,
			CloudWatchLogGroup:  t.CloudWatchLogsLogGroupArn,
			KMSKeyID:            t.KmsKeyId,
		}
		sel := ex.Selectors[t.Name]
		for _, s := range sel.EventSelectors {
			es := snapshot.EventSelector{ReadWriteType: s.ReadWriteType, IncludeManagementEvents: s.IncludeManagementEvents}
			for _, d := range s.DataResources {
				es.DataResources = append(es.DataResources, snapshot.DataResource{Type: d.Type, Values: sortedCopy(d.Values)})
			}
			sort.Slice(es.DataResources, func(i, j int) bool { return es.DataResources[i].Type < es.DataResources[j].Type })
			trail.EventSelectors = append(trail.EventSelectors, es)
		}
		for _, a := range sel.AdvancedEventSelectors {
			var fields []string
			for _, f := range a.FieldSelectors {
				for _, op := range []struct {
					name   string
					values []string
				}{{"Equals", f.Equals}, {"StartsWith", f.StartsWith}, {"EndsWith", f.EndsWith}, {"NotEquals", f.NotEquals}, {"NotStartsWith", f.NotStartsWith}, {"NotEndsWith", f.NotEndsWith}} {
					if len(op.values) > 0 {
						fields = append(fields, fmt.Sprintf("%s %s %s", f.Field, op.name, strings.Join(sortedCopy(op.values), ",")))
					}
				}
			}
			sort.Strings(fields)
			trail.AdvancedEventSelectors = append(trail.AdvancedEventSelectors, a.Name+": "+strings.Join(fields, "; "))
		}
		sort.Strings(trail.AdvancedEventSelectors)
		out = append(out, trail)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ARN < out[j].ARN })
	return out
}

type logsAPI interface {
	DescribeLogGroups(context.Context, *cloudwatchlogs.DescribeLogGroupsInput, ...func(*cloudwatchlogs.Options)) (*cloudwatchlogs.DescribeLogGroupsOutput, error)
	DescribeSubscriptionFilters(context.Context, *cloudwatchlogs.DescribeSubscriptionFiltersInput, ...func(*cloudwatchlogs.Options)) (*cloudwatchlogs.DescribeSubscriptionFiltersOutput, error)
	DescribeDestinations(context.Context, *cloudwatchlogs.DescribeDestinationsInput, ...func(*cloudwatchlogs.Options)) (*cloudwatchlogs.DescribeDestinationsOutput, error)
}

// wireDestinations is DescribeDestinations' answer: the sinks this account
// offers to others, with the access policy that says who may subscribe.
type wireDestinations struct {
	Destinations []struct {
		DestinationName string
		Arn             string
		TargetArn       string
		RoleArn         string
		AccessPolicy    snapshot.Document
	}
}

type wireLogGroups struct {
	LogGroups []struct {
		LogGroupName    string
		Arn             string
		LogGroupArn     string
		RetentionInDays int
		KmsKeyId        string
	}
}

type wireSubscriptionFilters struct {
	SubscriptionFilters []struct {
		FilterName     string
		FilterPattern  string
		DestinationArn string
	}
}

type logsExport struct {
	Groups  wireLogGroups                      // logs-describe-log-groups
	Filters map[string]wireSubscriptionFilters // logs-describe-subscription-filters, by log group name
	Dests   wireDestinations                   // logs-describe-destinations
}

func fetchLogs(ctx context.Context, c logsAPI) (logsExport, error) {
	ex := logsExport{Filters: map[string]wireSubscriptionFilters{}}
	groups := cloudwatchlogs.NewDescribeLogGroupsPaginator(c, &cloudwatchlogs.DescribeLogGroupsInput{Limit: aws.Int32(50)})
	for groups.HasMorePages() {
		page, err := groups.NextPage(ctx)
		if err != nil {
			return ex, wrap("describe log groups", err)
		}
		var w wireLogGroups
		if err := recode(page, &w); err != nil {
			return ex, err
		}
		ex.Groups.LogGroups = append(ex.Groups.LogGroups, w.LogGroups...)
	}
	var errs firstError
	for _, g := range ex.Groups.LogGroups {
		var filters wireSubscriptionFilters
		pages := cloudwatchlogs.NewDescribeSubscriptionFiltersPaginator(c, &cloudwatchlogs.DescribeSubscriptionFiltersInput{LogGroupName: aws.String(g.LogGroupName)})
		for pages.HasMorePages() {
			page, err := pages.NextPage(ctx)
			if errs.add(wrap("describe subscription filters", err)) {
				break
			}
			var w wireSubscriptionFilters
			if !errs.add(recode(page, &w)) {
				filters.SubscriptionFilters = append(filters.SubscriptionFilters, w.SubscriptionFilters...)
			}
		}
		ex.Filters[g.LogGroupName] = filters
	}
	dests := cloudwatchlogs.NewDescribeDestinationsPaginator(c, &cloudwatchlogs.DescribeDestinationsInput{Limit: aws.Int32(50)})
	for dests.HasMorePages() {
		page, err := dests.NextPage(ctx)
		if errs.add(wrap("describe destinations", err)) {
			break
		}
		var w wireDestinations
		if !errs.add(recode(page, &w)) {
			ex.Dests.Destinations = append(ex.Dests.Destinations, w.Destinations...)
		}
	}
	return ex, errs.err
}

func (ex logsExport) destinations(region string) []snapshot.LogDestination {
	var out []snapshot.LogDestination
	for _, d := range ex.Dests.Destinations {
		out = append(out, snapshot.LogDestination{
			Name: d.DestinationName, ARN: d.Arn, Region: region,
			TargetARN: d.TargetArn, RoleARN: d.RoleArn, AccessPolicy: d.AccessPolicy,
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ARN < out[j].ARN })
	return out
}

func (ex logsExport) build(region string) []snapshot.LogGroup {
	var out []snapshot.LogGroup
	for _, g := range ex.Groups.LogGroups {
		arn := g.LogGroupArn
		if arn == "" {
			// Older answers only carry the ARN with the ":*" stream wildcard.
			arn = strings.TrimSuffix(g.Arn, ":*")
		}
		lg := snapshot.LogGroup{Name: g.LogGroupName, ARN: arn, Region: region, RetentionDays: g.RetentionInDays, KMSKeyID: g.KmsKeyId}
		for _, f := range ex.Filters[g.LogGroupName].SubscriptionFilters {
			lg.SubscriptionFilters = append(lg.SubscriptionFilters, snapshot.SubscriptionFilter{Name: f.FilterName, FilterPattern: f.FilterPattern, DestinationARN: f.DestinationArn})
		}
		sort.Slice(lg.SubscriptionFilters, func(i, j int) bool { return lg.SubscriptionFilters[i].Name < lg.SubscriptionFilters[j].Name })
		out = append(out, lg)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
