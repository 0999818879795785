package command

import (
	"context"
	"fmt"
	"io"

	"github.com/urfave/cli/v2"
	"golang.org/x/sync/errgroup"

	"github.com/parity-sec/parity/cmd/parity/internal/config"
	"github.com/parity-sec/parity/collectors"
	"github.com/parity-sec/parity/collectors/snapshot"
	"github.com/parity-sec/parity/reports/display"
)

func runCommand() *cli.Command {
	return &cli.Command{
		Name:  "run",
		Usage: "collect both environments, compare, judge, report and gate: one command for pipelines and cron",
		Description: "Reads parity.yaml (see docs/parity.example.yaml): how to reach each environment, pairing aliases,\n" +
			"waivers, policy directories, gate thresholds, reports and history. Both environments are collected\n" +
			"concurrently. Flags override the file.\n\n" +
			"Examples:\n" +
			"  parity run --config parity.yaml\n" +
			"  parity run --config parity.yaml --history /var/lib/parity --keep 30 --report html=parity.html",
		Flags: append(evalFlags(), timeoutFlag()),
		Action: func(c *cli.Context) error {
			if c.NArg() != 0 {
				return usageError("run takes no arguments (got %q); put settings in --config", c.Args().First())
			}
			opts, err := parseEvalFlags(c)
			if err != nil {
				return err
			}
			if opts.ConfigPath == "" {
				return usageError("run needs --config parity.yaml (see docs/parity.example.yaml)")
			}
			opts.Timeout = c.Duration("timeout")
			return runRun(c.Context, opts, c.App.Writer, c.App.ErrWriter)
		},
	}
}

func runRun(ctx context.Context, opts evalOptions, stdout, stderr io.Writer) error {
	cfg, err := loadConfig(opts.ConfigPath)
	if err != nil {
		return err
	}
	// Flags over config, and two outputs to one path refused, before any
	// snapshot is read or collected.
	set, err := resolve(cfg, opts)
	if err != nil {
		return err
	}
	for _, se := range []struct {
		side string
		e    config.Environment
	}{{"staging", cfg.Environments.Staging}, {"production", cfg.Environments.Production}} {
		if err := checkRegions("environments."+se.side+".regions", se.e.Regions); err != nil {
			return err
		}
	}
	var in runInputs
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) {
		return withTimeout(gctx, opts.Timeout, "staging", func(ctx context.Context) (err error) {
			in.staging, in.stagingRaw, in.stagingSource, err = obtain(ctx, cfg, cfg.Environments.Staging, "staging", opts.MaxSnapshotSize, stderr)
			return err
		})
	})
	g.Go(func() (err error) {
		return withTimeout(gctx, opts.Timeout, "production", func(ctx context.Context) (err error) {
			in.production, in.productionRaw, in.productionSource, err = obtain(ctx, cfg, cfg.Environments.Production, "production", opts.MaxSnapshotSize, stderr)
			return err
		})
	})
	if err := g.Wait(); err != nil {
		return err
	}
	for _, s := range []*snapshot.Snapshot{in.staging, in.production} {
		reportGaps(s, stderr)
	}
	return evaluateAndReport(ctx, cfg, set, opts, in, stdout, stderr)
}

// obtain gets one side: an existing snapshot file, AWS CLI exports, or a
// live collection, in that order of precedence.
func obtain(ctx context.Context, cfg *config.Config, e config.Environment, side string, maxSize int64, stderr io.Writer) (*snapshot.Snapshot, []byte, string, error) {
	name := e.EnvName(side)
	if e.Snapshot != "" {
		path := cfg.Path(e.Snapshot)
		s, raw, err := snapshot.LoadRaw(path, maxSize)
		return s, raw, path, err
	}
	opts := collectors.Options{Env: name, Profile: e.Profile, RoleARN: e.RoleARN, ExternalID: e.ExternalID,
		Regions: e.Regions, AllRegions: e.AllRegions, EndpointURL: e.EndpointURL, Concurrency: collectors.DefaultConcurrency,
		Progress: collectors.NewLineProgress(prefixWriter{w: stderr, prefix: name + ": "}, display.Line)}
	fromDir := cfg.Path(e.FromDir)
	s, err := collectSnapshot(ctx, opts, fromDir)
	if err != nil {
		return nil, nil, "", err
	}
	raw, err := encode(s)
	if err != nil {
		return nil, nil, "", err
	}
	return s, raw, fmt.Sprintf("environment %s", name), nil
}
