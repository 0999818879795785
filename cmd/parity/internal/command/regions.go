package command

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// knownRegions are the AWS regions this release knows (commercial,
// GovCloud and China partitions). A region name is checked against them
// before any call: a typo such as us-east-9 otherwise means endpoints that
// do not resolve, retried for minutes. A region newer than the release is
// refused too; the message says to upgrade.
var knownRegions = []string{
	"af-south-1",
	"ap-east-1", "ap-east-2",
	"ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
	"ap-south-1", "ap-south-2",
	"ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-7",
	"ca-central-1", "ca-west-1",
	"cn-north-1", "cn-northwest-1",
	"eu-central-1", "eu-central-2",
	"eu-north-1",
	"eu-south-1", "eu-south-2",
	"eu-west-1", "eu-west-2", "eu-west-3",
	"il-central-1",
	"me-central-1", "me-south-1",
	"mx-central-1",
	"sa-east-1",
	"us-east-1", "us-east-2",
	"us-gov-east-1", "us-gov-west-1",
	"us-west-1", "us-west-2",
}

// checkRegions refuses a region name this release does not know; what
// names where the regions came from (--region, environments.staging.regions).
func checkRegions(what string, regions []string) error {
	for _, r := range regions {
		if !slices.Contains(knownRegions, r) {
			hint := ""
			if near := nearestRegion(r); near != "" {
				hint = fmt.Sprintf(" (did you mean %s?)", near)
			}
			return usageError("%s %q is not an AWS region%s; if it is newer than this parity release, upgrade parity", what, r, hint)
		}
	}
	return nil
}

// nearestRegion suggests a known region sharing the name's prefix
// ("us-east-9" → "us-east-1").
func nearestRegion(r string) string {
	r = strings.ToLower(strings.TrimSpace(r))
	if slices.Contains(knownRegions, r) {
		return r
	}
	if i := strings.LastIndex(r, "-"); i > 0 {
		for _, k := range knownRegions {
			if strings.HasPrefix(k, r[:i+1]) {
				return k
			}
		}
	}
	return ""
}

// DefaultTimeout bounds one collection. A large account collects in a few
// minutes; anything longer is a network or endpoint problem, and a
// pipeline should hear about it as an error, not hang.
const DefaultTimeout = 15 * time.Minute

// withTimeout bounds a collection and turns running out of time into an
// error that says which limit and what to check.
func withTimeout(ctx context.Context, d time.Duration, env string, collect func(context.Context) error) error {
	if d <= 0 {
		d = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	err := collect(ctx)
	if err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return usageError("collect %s: no complete answer within --timeout %s; check the region, the endpoint and the network, or raise --timeout", env, d)
	}
	return err
}
