package collectors

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/ssm"
	"github.com/parity-sec/parity/collectors/snapshot"
)

// DefaultConcurrency bounds parallel service×region collections when
// Options.Concurrency is zero: enough to hide latency, few enough to stay
// clear of most API rate limits.
const DefaultConcurrency = 8

// Collect snapshots the account that opts' credentials reach. Failing
// credentials or an unreachable endpoint end it at once with one line; a
// service or region that cannot be read is recorded in Coverage and the rest
// is still collected.
func Collect(ctx context.Context, opts Options) (*snapshot.Snapshot, error) {
	if opts.Env == "" {
		return nil, errors.New("environment name is empty: set --env")
	}
	cfg, err := loadConfig(ctx, opts)
	if err != nil {
		return nil, err
	}
	account, err := accountID(ctx, cfg)
	if err != nil {
		return nil, err
	}
	regions, err := resolveRegions(ctx, cfg, opts)
	if err != nil {
		return nil, err
	}
	s, err := assemble(ctx, liveSource{cfg: cfg}, regions, opts.Concurrency, opts.Progress)
	if err != nil {
		return nil, err
	}
	s.Environment = opts.Env
	s.AccountID = account
	s.CollectedAt = time.Now().UTC().Truncate(time.Second)
	return s, nil
}

// resolveRegions returns the regions to collect, sorted: the enabled ones
// with AllRegions, the requested ones, or the configured one.
func resolveRegions(ctx context.Context, cfg aws.Config, opts Options) ([]string, error) {
	if opts.AllRegions {
		out, err := ec2.NewFromConfig(cfg).DescribeRegions(ctx, &ec2.DescribeRegionsInput{})
		if err != nil {
			return nil, fmt.Errorf("list enabled regions for --all-regions: %s", oneLine(err.Error()))
		}
		var regions []string
		for _, r := range out.Regions {
			regions = append(regions, aws.ToString(r.RegionName))
		}
		return uniqueSorted(regions), nil
	}
	if len(opts.Regions) > 0 {
		return uniqueSorted(opts.Regions), nil
	}
	return []string{cfg.Region}, nil
}

func uniqueSorted(in []string) []string {
	seen := map[string]bool{}
	for _, s := range in {
		if s != "" {
			seen[s] = true
		}
	}
	return sortedKeys(seen)
}

// The SDK clients satisfy the collectors' narrow interfaces.
var (
	_ iamAPI        = (*iam.Client)(nil)
	_ secretsAPI    = (*secretsmanager.Client)(nil)
	_ ssmAPI        = (*ssm.Client)(nil)
	_ kmsAPI        = (*kms.Client)(nil)
	_ cloudtrailAPI = (*cloudtrail.Client)(nil)
	_ logsAPI       = (*cloudwatchlogs.Client)(nil)
	_ ec2API        = (*ec2.Client)(nil)
	_ s3API         = (*s3.Client)(nil)
)

// liveSource reads export-shaped data from the AWS APIs. Every client comes
// from cfg, which carries the allowlist.
type liveSource struct{ cfg aws.Config }

func (l liveSource) iam(ctx context.Context) (iamExport, error) {
	return fetchIAM(ctx, iam.NewFromConfig(l.cfg))
}

func (l liveSource) secrets(ctx context.Context, region string) (secretsExport, error) {
	return fetchSecrets(ctx, secretsmanager.NewFromConfig(l.cfg, func(o *secretsmanager.Options) { o.Region = region }))
}

func (l liveSource) ssm(ctx context.Context, region string) (ssmExport, error) {
	return fetchSSM(ctx, ssm.NewFromConfig(l.cfg, func(o *ssm.Options) { o.Region = region }))
}

func (l liveSource) kms(ctx context.Context, region string) (kmsExport, error) {
	return fetchKMS(ctx, kms.NewFromConfig(l.cfg, func(o *kms.Options) { o.Region = region }))
}

func (l liveSource) cloudtrail(ctx context.Context, region string) (cloudtrailExport, error) {
	return fetchCloudTrail(ctx, cloudtrail.NewFromConfig(l.cfg, func(o *cloudtrail.Options) { o.Region = region }), region)
}

func (l liveSource) logs(ctx context.Context, region string) (logsExport, error) {
	return fetchLogs(ctx, cloudwatchlogs.NewFromConfig(l.cfg, func(o *cloudwatchlogs.Options) { o.Region = region }))
}

func (l liveSource) ec2(ctx context.Context, region string) (ec2Export, error) {
	return fetchEC2(ctx, ec2.NewFromConfig(l.cfg, func(o *ec2.Options) { o.Region = region }))
}

func (l liveSource) s3(ctx context.Context) (s3Export, error) {
	return fetchS3(ctx, l.s3Client(""))
}

func (l liveSource) bucketPolicies(ctx context.Context, owned s3Export, names []string) (map[string]wireBucketPolicy, error) {
	regions := owned.bucketRegions()
	want := make(map[string]string, len(names))
	for _, n := range names {
		want[n] = regions[n]
	}
	return fetchBucketPolicies(ctx, func(region string) s3API { return l.s3Client(region) }, want)
}

// s3Client addresses buckets by path when an endpoint is set (moto and
// LocalStack do not resolve bucket host names), by host name otherwise.
func (l liveSource) s3Client(region string) *s3.Client {
	return s3.NewFromConfig(l.cfg, func(o *s3.Options) {
		if region != "" {
			o.Region = region
		}
		o.UsePathStyle = l.cfg.BaseEndpoint != nil
	})
}

// sortSnapshot puts every top-level list in a fixed order across regions
// (the builders already sorted what is inside each resource) and makes empty
// lists [] rather than null, so "none" reads the same in every snapshot.
func sortSnapshot(s *snapshot.Snapshot) {
	nonNil(&s.Identity.Roles)
	nonNil(&s.Identity.Users)
	nonNil(&s.Identity.Groups)
	nonNil(&s.Identity.Policies)
	nonNil(&s.Identity.OIDCProviders)
	nonNil(&s.Identity.SAMLProviders)
	nonNil(&s.Identity.InstanceProfiles)
	nonNil(&s.Secrets.Secrets)
	nonNil(&s.Secrets.Parameters)
	nonNil(&s.Secrets.KMSKeys)
	nonNil(&s.Logging.Trails)
	nonNil(&s.Logging.LogGroups)
	nonNil(&s.Logging.FlowLogs)
	nonNil(&s.Network.VPCs)
	nonNil(&s.Network.SecurityGroups)
	nonNil(&s.Network.NetworkACLs)
	nonNil(&s.Regions)
	nonNil(&s.Coverage)
	sortIdentity(&s.Identity)
	byRegion := func(ra, rb, a, b string) bool {
		if ra != rb {
			return ra < rb
		}
		return a < b
	}
	sec, lg, nw := &s.Secrets, &s.Logging, &s.Network
	sort.Slice(sec.Secrets, func(i, j int) bool { return sec.Secrets[i].ARN < sec.Secrets[j].ARN })
	sort.Slice(sec.Parameters, func(i, j int) bool {
		return byRegion(sec.Parameters[i].Region, sec.Parameters[j].Region, sec.Parameters[i].Name, sec.Parameters[j].Name)
	})
	sort.Slice(sec.KMSKeys, func(i, j int) bool { return sec.KMSKeys[i].ARN < sec.KMSKeys[j].ARN })
	sort.Slice(lg.Trails, func(i, j int) bool { return lg.Trails[i].ARN < lg.Trails[j].ARN })
	sort.Slice(lg.Destinations, func(i, j int) bool { return lg.Destinations[i].ARN < lg.Destinations[j].ARN })
	sort.Slice(lg.Buckets, func(i, j int) bool { return lg.Buckets[i].Name < lg.Buckets[j].Name })
	sort.Slice(lg.LogGroups, func(i, j int) bool {
		return byRegion(lg.LogGroups[i].Region, lg.LogGroups[j].Region, lg.LogGroups[i].Name, lg.LogGroups[j].Name)
	})
	sort.Slice(lg.FlowLogs, func(i, j int) bool {
		return byRegion(lg.FlowLogs[i].Region, lg.FlowLogs[j].Region, lg.FlowLogs[i].ID, lg.FlowLogs[j].ID)
	})
	sort.Slice(nw.VPCs, func(i, j int) bool {
		return byRegion(nw.VPCs[i].Region, nw.VPCs[j].Region, nw.VPCs[i].ID, nw.VPCs[j].ID)
	})
	sort.Slice(nw.SecurityGroups, func(i, j int) bool {
		return byRegion(nw.SecurityGroups[i].Region, nw.SecurityGroups[j].Region, nw.SecurityGroups[i].ID, nw.SecurityGroups[j].ID)
	})
	sort.Slice(nw.NetworkACLs, func(i, j int) bool {
		return byRegion(nw.NetworkACLs[i].Region, nw.NetworkACLs[j].Region, nw.NetworkACLs[i].ID, nw.NetworkACLs[j].ID)
	})
	sort.Slice(s.Coverage, func(i, j int) bool {
		return byRegion(s.Coverage[i].Service, s.Coverage[j].Service, s.Coverage[i].Region, s.Coverage[j].Region)
	})
}

func nonNil[T any](s *[]T) {
	if *s == nil {
		*s = []T{}
	}
}
