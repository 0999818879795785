package collectors

import (
	"context"
	"errors"

	"golang.org/x/sync/errgroup"

	"github.com/parity-sec/parity/collectors/snapshot"
)

// source yields export-shaped data per service and region. The live API
// collector and the CLI export reader are both sources, so everything after
// reading — building, merging, sorting, coverage — is shared.
type source interface {
	iam(ctx context.Context) (iamExport, error)
	secrets(ctx context.Context, region string) (secretsExport, error)
	ssm(ctx context.Context, region string) (ssmExport, error)
	kms(ctx context.Context, region string) (kmsExport, error)
	cloudtrail(ctx context.Context, region string) (cloudtrailExport, error)
	logs(ctx context.Context, region string) (logsExport, error)
	ec2(ctx context.Context, region string) (ec2Export, error)
	s3(ctx context.Context) (s3Export, error)
	// bucketPolicies reads the policies of the named owned buckets; it
	// runs after everything else, since trails and flow logs name them.
	bucketPolicies(ctx context.Context, owned s3Export, names []string) (map[string]wireBucketPolicy, error)
}

var (
	_ source = liveSource{}
	_ source = (*dirSource)(nil)
)

// fatalError aborts a whole collection instead of becoming a coverage gap
// (a malformed export file: the user must fix it, not diff around it).
type fatalError struct{ err error }

func (f fatalError) Error() string { return f.err.Error() }
func (f fatalError) Unwrap() error { return f.err }

// part is one service in one region ("global" for IAM). run fills its share
// of a snapshot and returns the number of resources it found.
type part struct {
	service, region string
	run             func(ctx context.Context, s *snapshot.Snapshot) (int, error)
}

func plan(src source, regions []string, s3Owned *s3Export) []part {
	parts := []part{{"iam", "global", func(ctx context.Context, s *snapshot.Snapshot) (int, error) {
		ex, err := src.iam(ctx)
		s.Identity = ex.build()
		id := s.Identity
		return len(id.Roles) + len(id.Users) + len(id.Groups) + len(id.Policies) + len(id.OIDCProviders) + len(id.SAMLProviders) + len(id.InstanceProfiles), err
	}}, {"s3", "global", func(ctx context.Context, s *snapshot.Snapshot) (int, error) {
		ex, err := src.s3(ctx)
		s.Logging.Buckets = ex.build()
		*s3Owned = ex
		return len(s.Logging.Buckets), err
	}}}
	for _, r := range regions {
		parts = append(parts,
			part{"cloudtrail", r, func(ctx context.Context, s *snapshot.Snapshot) (int, error) {
				ex, err := src.cloudtrail(ctx, r)
				s.Logging.Trails = ex.build(r)
				return len(s.Logging.Trails), err
			}},
			part{"ec2", r, func(ctx context.Context, s *snapshot.Snapshot) (int, error) {
				ex, err := src.ec2(ctx, r)
				s.Network, s.Logging.FlowLogs = ex.build(r)
				n := s.Network
				return len(n.VPCs) + len(n.SecurityGroups) + len(n.NetworkACLs) + len(s.Logging.FlowLogs), err
			}},
			part{"kms", r, func(ctx context.Context, s *snapshot.Snapshot) (int, error) {
				ex, err := src.kms(ctx, r)
				s.Secrets.KMSKeys = ex.build(r)
				return len(s.Secrets.KMSKeys), err
			}},
			part{"logs", r, func(ctx context.Context, s *snapshot.Snapshot) (int, error) {
				ex, err := src.logs(ctx, r)
				s.Logging.LogGroups = ex.build(r)
				s.Logging.Destinations = ex.destinations(r)
				return len(s.Logging.LogGroups) + len(s.Logging.Destinations), err
			}},
			part{"secretsmanager", r, func(ctx context.Context, s *snapshot.Snapshot) (int, error) {
				ex, err := src.secrets(ctx, r)
				s.Secrets.Secrets = ex.build(r)
				return len(s.Secrets.Secrets), err
			}},
			part{"ssm", r, func(ctx context.Context, s *snapshot.Snapshot) (int, error) {
				ex, err := src.ssm(ctx, r)
				s.Secrets.Parameters = ex.build(r)
				return len(s.Secrets.Parameters), err
			}},
		)
	}
	return parts
}

// assemble runs every part with at most concurrency at a time and merges
// the results in plan order, so scheduling never changes the output.
func assemble(ctx context.Context, src source, regions []string, concurrency int, progress Progress) (*snapshot.Snapshot, error) {
	if concurrency <= 0 {
		concurrency = DefaultConcurrency
	}
	var owned s3Export
	parts := plan(src, regions, &owned)
	frags := make([]snapshot.Snapshot, len(parts))
	errs := make([]error, len(parts))
	// A plain Group, not WithContext: one part's failure is recorded as a
	// coverage gap and must not cancel the others.
	var g errgroup.Group
	g.SetLimit(concurrency)
	for i, p := range parts {
		g.Go(func() error {
			if progress != nil {
				progress.Start(p.service, p.region)
			}
			n, err := p.run(ctx, &frags[i])
			errs[i] = err
			if progress != nil {
				progress.Done(p.service, p.region, n, err)
			}
			return nil
		})
	}
	_ = g.Wait() // every part returns nil; errors are in errs
	if f, ok := progress.(finisher); ok {
		f.Finish()
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s := &snapshot.Snapshot{SchemaVersion: snapshot.SchemaVersion, Regions: regions, ToolVersion: Version()}
	for i, p := range parts {
		var fatal fatalError
		if errors.As(errs[i], &fatal) {
			return nil, fatal.err
		}
		s.Coverage = append(s.Coverage, coverageFor(p.service, p.region, errs[i]))
		merge(s, &frags[i])
	}
	if err := addBucketPolicies(ctx, src, owned, s); err != nil {
		return nil, err
	}
	sortSnapshot(s)
	return s, nil
}

// addBucketPolicies reads the policies of the owned buckets that log sinks
// write to. A failure marks the s3 coverage entry; a fatal one aborts.
func addBucketPolicies(ctx context.Context, src source, owned s3Export, s *snapshot.Snapshot) error {
	names := logSinkBuckets(s)
	if len(names) == 0 {
		return nil
	}
	pols, err := src.bucketPolicies(ctx, owned, names)
	var fatal fatalError
	if errors.As(err, &fatal) {
		return fatal.err
	}
	for i := range s.Logging.Buckets {
		if p, ok := pols[s.Logging.Buckets[i].Name]; ok {
			s.Logging.Buckets[i].Policy = p.Policy
		}
	}
	if err != nil {
		for i, c := range s.Coverage {
			if c.Service == "s3" && c.Status == snapshot.CoverageOK {
				s.Coverage[i] = coverageFor("s3", c.Region, err)
			}
		}
	}
	return nil
}

func merge(dst, src *snapshot.Snapshot) {
	di, si := &dst.Identity, &src.Identity
	di.Roles = append(di.Roles, si.Roles...)
	di.Users = append(di.Users, si.Users...)
	di.Groups = append(di.Groups, si.Groups...)
	di.Policies = append(di.Policies, si.Policies...)
	di.OIDCProviders = append(di.OIDCProviders, si.OIDCProviders...)
	di.SAMLProviders = append(di.SAMLProviders, si.SAMLProviders...)
	di.InstanceProfiles = append(di.InstanceProfiles, si.InstanceProfiles...)
	d, s := &dst.Secrets, &src.Secrets
	d.Secrets = append(d.Secrets, s.Secrets...)
	d.Parameters = append(d.Parameters, s.Parameters...)
	d.KMSKeys = append(d.KMSKeys, s.KMSKeys...)
	dl, sl := &dst.Logging, &src.Logging
	dl.Trails = append(dl.Trails, sl.Trails...)
	dl.LogGroups = append(dl.LogGroups, sl.LogGroups...)
	dl.FlowLogs = append(dl.FlowLogs, sl.FlowLogs...)
	dl.Destinations = append(dl.Destinations, sl.Destinations...)
	dl.Buckets = append(dl.Buckets, sl.Buckets...)
	dn, sn := &dst.Network, &src.Network
	dn.VPCs = append(dn.VPCs, sn.VPCs...)
	dn.SecurityGroups = append(dn.SecurityGroups, sn.SecurityGroups...)
	dn.NetworkACLs = append(dn.NetworkACLs, sn.NetworkACLs...)
}
