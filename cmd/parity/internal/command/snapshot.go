package command

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/parity-sec/parity/collectors"
	"github.com/parity-sec/parity/collectors/snapshot"
	"github.com/parity-sec/parity/reports/display"
)

func snapshotCommand() *cli.Command {
	return &cli.Command{
		Name:  "snapshot",
		Usage: "collect one environment into a snapshot file (read-only, metadata only)",
		Description: "Reads IAM, Secrets Manager, SSM, KMS, CloudTrail, CloudWatch Logs and EC2 metadata through the AWS SDK's\n" +
			"default credential chain. parity never reads a secret value and never changes anything: every call\n" +
			"outside its read-only allowlist fails before it is sent (collectors/policy/parity-readonly-policy.json\n" +
			"is the IAM policy to attach to the role it uses). A service that answers AccessDenied is recorded as\n" +
			"a coverage gap and the rest is still collected.\n\n" +
			"Examples:\n" +
			"  parity snapshot --env staging --profile stg-readonly --region us-east-1 --region eu-west-1 -o staging.json\n" +
			"  parity snapshot --env production --role-arn arn:aws:iam::222222222222:role/parity-readonly -o production.json\n" +
			"  parity snapshot --env staging --from-dir ./exports/staging -o staging.json   # from AWS CLI exports",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "env", Usage: "environment `NAME` recorded in the snapshot (e.g. staging, production); required"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "snapshot `FILE` to write (atomically); required"},
			&cli.StringFlag{Name: "profile", Usage: "shared-config `PROFILE` (default: the SDK default chain)"},
			&cli.StringFlag{Name: "role-arn", Usage: "assume `ARN` (a read-only role in the target account) before collecting"},
			&cli.StringFlag{Name: "external-id", Usage: "external `ID` for --role-arn"},
			&cli.StringSliceFlag{Name: "region", Usage: "collect `REGION` (repeatable; default: the configured region)"},
			&cli.BoolFlag{Name: "all-regions", Usage: "collect every region enabled in the account"},
			&cli.StringFlag{Name: "endpoint-url", Usage: "send every call to `URL` (LocalStack, moto); AWS_ENDPOINT_URL is honoured too"},
			&cli.IntFlag{Name: "concurrency", Value: collectors.DefaultConcurrency, Usage: "at most `N` service/region collections at once"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no progress output"},
			timeoutFlag(),
			&cli.StringFlag{Name: "from-dir", Usage: "build the snapshot from AWS CLI exports in `DIR` instead of calling AWS"},
			fileModeFlag(),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 0 {
				return usageError("snapshot takes no arguments (got %q); did you mean -o %s?", c.Args().First(), c.Args().First())
			}
			opts := collectors.Options{
				Env: c.String("env"), Profile: c.String("profile"), RoleARN: c.String("role-arn"),
				ExternalID: c.String("external-id"), Regions: c.StringSlice("region"), AllRegions: c.Bool("all-regions"),
				EndpointURL: c.String("endpoint-url"), Concurrency: c.Int("concurrency"),
			}
			if c.String("output") == "" {
				return usageError("snapshot needs -o FILE, where to write the snapshot")
			}
			if err := checkSnapshotOptions(opts, c.String("from-dir")); err != nil {
				return err
			}
			mode, err := parseFileMode(c)
			if err != nil {
				return err
			}
			if !c.Bool("quiet") {
				opts.Progress = progressFor(c.App.ErrWriter)
			}
			return withTimeout(c.Context, c.Duration("timeout"), opts.Env, func(ctx context.Context) error {
				return runSnapshot(ctx, opts, c.String("from-dir"), c.String("output"), mode, c.App.ErrWriter)
			})
		},
	}
}

func checkSnapshotOptions(o collectors.Options, fromDir string) error {
	if strings.TrimSpace(o.Env) == "" {
		return usageError("snapshot needs --env NAME, the environment's name, such as staging or production")
	}
	if o.ExternalID != "" && o.RoleARN == "" {
		return usageError("--external-id needs --role-arn")
	}
	if o.Concurrency < 1 {
		return usageError("--concurrency %d: want 1 or more", o.Concurrency)
	}
	if err := checkRegions("--region", o.Regions); err != nil {
		return err
	}
	if o.AllRegions && len(o.Regions) > 0 {
		return usageError("--all-regions and --region are exclusive")
	}
	if fromDir != "" && (o.Profile != "" || o.RoleARN != "" || o.EndpointURL != "" || o.AllRegions) {
		return usageError("--from-dir reads exports and takes no credentials, endpoint or --all-regions")
	}
	return nil
}

// timeoutFlag bounds a collection (snapshot, run).
func timeoutFlag() cli.Flag {
	return &cli.DurationFlag{Name: "timeout", Value: DefaultTimeout, Usage: "give up collecting an environment after `DURATION` (exit 2)"}
}

func progressFor(w io.Writer) collectors.Progress {
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return collectors.NewTerminalProgress(w, display.Line)
	}
	return collectors.NewLineProgress(w, display.Line)
}

// runSnapshot collects (or reads exports) and writes the file atomically.
func runSnapshot(ctx context.Context, opts collectors.Options, fromDir, out string, mode fs.FileMode, stderr io.Writer) error {
	s, err := collectSnapshot(ctx, opts, fromDir)
	if err != nil {
		return err
	}
	if err := snapshot.WriteFile(out, s, mode); err != nil {
		return err
	}
	reportGaps(s, stderr)
	return nil
}

func collectSnapshot(ctx context.Context, opts collectors.Options, fromDir string) (*snapshot.Snapshot, error) {
	if fromDir != "" {
		s, err := collectors.FromDir(fromDir, opts.Env)
		if err != nil {
			return nil, fmt.Errorf("--from-dir %s: %w", fromDir, err)
		}
		return s, nil
	}
	s, err := collectors.Collect(ctx, opts)
	if err != nil {
		// The SDK calls an answer it cannot parse "UnknownError: UnknownError"
		// or fails "deserializing" it;
		// with an endpoint given, that means the endpoint is not an AWS API.
		if msg := err.Error(); opts.EndpointURL != "" && (strings.Contains(msg, "UnknownError") || strings.Contains(msg, "deserializ")) {
			return nil, fmt.Errorf("collect %s: %s does not answer like an AWS API (check --endpoint-url): %w", opts.Env, opts.EndpointURL, err)
		}
		return nil, fmt.Errorf("collect %s: %w", opts.Env, err)
	}
	return s, nil
}

// reportGaps says which parts are missing, so nobody reads a partial
// snapshot as a complete one.
func reportGaps(s *snapshot.Snapshot, w io.Writer) {
	for _, c := range s.Coverage {
		if c.Status != snapshot.CoverageOK {
			fmt.Fprintf(w, "parity: %s\n", display.Line(fmt.Sprintf("%s: %s in %s not collected (%s): %s", s.Environment, c.Service, c.Region, c.Status, c.Message)))
		}
	}
}
