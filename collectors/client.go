package collectors

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
)

// Options says which account and regions to collect and how.
type Options struct {
	Env         string   // environment name written into the snapshot
	Profile     string   // shared-config profile; empty: the default chain
	RoleARN     string   // role to assume in the target account
	ExternalID  string   // external id for RoleARN
	Regions     []string // empty: the configured region
	AllRegions  bool     // ask EC2 for the enabled regions
	EndpointURL string   // overrides every service endpoint (moto, LocalStack)
	Concurrency int      // parallel service×region collections; 0: DefaultConcurrency
	Progress    Progress // may be nil

	// loadOptions and apiOptions let tests inject credentials and count
	// calls without touching the process environment.
	loadOptions []func(*config.LoadOptions) error
	apiOptions  []func(*middleware.Stack) error
	maxBackoff  time.Duration // 0: the SDK's 20s
}

// maxAttempts is generous because a snapshot is one-shot: a throttled call
// is worth waiting for rather than leaving a coverage gap.
const maxAttempts = 10

// setupTimeout bounds the first call, so a black-holed endpoint fails in
// seconds rather than after the SDK's full retry schedule.
const setupTimeout = 20 * time.Second

// loadConfig resolves credentials, region and endpoint, installs the
// allowlist, and assumes opts.RoleARN when given.
func loadConfig(ctx context.Context, opts Options) (aws.Config, error) {
	lo := []func(*config.LoadOptions) error{
		config.WithRetryer(newRetryer(opts.maxBackoff, newThrottleNotes(opts.Progress))),
	}
	if opts.Profile != "" {
		lo = append(lo, config.WithSharedConfigProfile(opts.Profile))
	}
	if len(opts.Regions) > 0 {
		// Only a fallback: a configured region stays the home region.
		lo = append(lo, config.WithDefaultRegion(opts.Regions[0]))
	}
	lo = append(lo, opts.loadOptions...)
	cfg, err := config.LoadDefaultConfig(ctx, lo...)
	if err != nil {
		return aws.Config{}, fmt.Errorf("load aws config: %w", err)
	}
	if cfg.Region == "" {
		return aws.Config{}, errors.New("no aws region: set --region, AWS_REGION or region in the profile")
	}
	if opts.EndpointURL != "" {
		cfg.BaseEndpoint = aws.String(opts.EndpointURL)
	}
	cfg.APIOptions = append(cfg.APIOptions, opts.apiOptions...)
	cfg = guard(cfg)
	if opts.RoleARN != "" {
		provider := stscreds.NewAssumeRoleProvider(sts.NewFromConfig(cfg), opts.RoleARN, func(o *stscreds.AssumeRoleOptions) {
			o.RoleSessionName = "parity-snapshot"
			if opts.ExternalID != "" {
				o.ExternalID = aws.String(opts.ExternalID)
			}
		})
		cfg.Credentials = aws.NewCredentialsCache(provider)
	}
	return cfg, nil
}

// setupAttempts bounds retries of the first call: enough to ride out one
// throttle or dropped connection, few enough to fail in seconds.
const setupAttempts = 3

// accountID asks STS who we are. It is the first call, so it doubles as the
// credential and connectivity check: few attempts, bounded time, one line.
func accountID(ctx context.Context, cfg aws.Config) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, setupTimeout)
	defer cancel()
	client := sts.NewFromConfig(cfg, func(o *sts.Options) {
		o.Retryer = retry.AddWithMaxAttempts(o.Retryer, setupAttempts)
	})
	out, err := client.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return "", setupError(cfg, err)
	}
	return aws.ToString(out.Account), nil
}

// credentialCodes are the answers that mean "these credentials do not work".
var credentialCodes = map[string]bool{
	"InvalidClientTokenId":        true,
	"SignatureDoesNotMatch":       true,
	"ExpiredToken":                true,
	"ExpiredTokenException":       true,
	"InvalidAccessKeyId":          true,
	"UnrecognizedClientException": true,
	"AccessDenied":                true, // e.g. not allowed to assume --role-arn
	"InvalidIdentityToken":        true,
}

// setupError turns the SDK's layered error into one line that says what to fix.
func setupError(cfg aws.Config, err error) error {
	var api smithy.APIError
	var netErr net.Error
	var opErr *net.OpError
	endpoint := "the aws endpoint"
	if cfg.BaseEndpoint != nil {
		endpoint = *cfg.BaseEndpoint
	}
	switch {
	case errors.As(err, &api) && credentialCodes[api.ErrorCode()]:
		return fmt.Errorf("aws credentials rejected (%s: %s): check --profile, --role-arn or the AWS_* environment", api.ErrorCode(), oneLine(api.ErrorMessage()))
	case errors.As(err, &opErr):
		return fmt.Errorf("cannot reach %s: %s", endpoint, oneLine(opErr.Error()))
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("cannot reach %s: no answer within %s", endpoint, setupTimeout)
	case errors.As(err, &netErr):
		return fmt.Errorf("cannot reach %s: %s", endpoint, oneLine(rootCause(err).Error()))
	case strings.Contains(err.Error(), "get credentials"):
		// The default chain found nothing usable; the SDK's own text lists
		// every provider it tried, which tells a user little.
		return errors.New("no aws credentials found: pass --profile or --role-arn, set AWS_PROFILE or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run aws sso login")
	case errors.As(err, &api):
		return fmt.Errorf("verify aws credentials: %s: %s", api.ErrorCode(), oneLine(api.ErrorMessage()))
	default:
		return fmt.Errorf("verify aws credentials: %s", oneLine(err.Error()))
	}
}

// rootCause digs to the innermost error, which for network failures is the
// readable part ("connection refused") under several SDK layers.
func rootCause(err error) error {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err
		}
		err = next
	}
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
