package command

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/parity-sec/parity/cmd/parity/internal/config"
	"github.com/parity-sec/parity/cmd/parity/internal/pipeline"
	"github.com/parity-sec/parity/collectors"
	"github.com/parity-sec/parity/normalize"
	"github.com/parity-sec/parity/policies"
	"github.com/parity-sec/parity/reports"
)

// evaluateAndReport is the shared back half of diff and run: evaluate,
// compare with history, write every output, then turn the verdict into an
// exit code. Flags override the config file.
func evaluateAndReport(ctx context.Context, cfg *config.Config, opts evalOptions, in runInputs, stdout, stderr io.Writer) error {
	gateOpts := pipeline.GateOptions{FailOn: cfg.Gate.FailOn, MinScore: cfg.Gate.MinScore, AllowPartial: cfg.Gate.AllowPartial}
	if opts.FailOn != "" {
		gateOpts.FailOn = opts.FailOn
	}
	if opts.MinScore != 0 {
		gateOpts.MinScore = opts.MinScore
	}
	gateOpts.AllowPartial = gateOpts.AllowPartial || opts.AllowPartial

	waiverRules := policies.WaiverRules{AllowBroad: cfg.AllowBroadWaivers || opts.AllowBroadWaivers, HorizonDays: cfg.WaiverHorizonDays}
	if opts.WaiverHorizonDays != 0 {
		waiverRules.HorizonDays = opts.WaiverHorizonDays
	}
	if err := policies.RefuseBroadWaivers(cfg.Waivers, waiverRules); err != nil {
		return usageError("%s: %v", opts.ConfigPath, err)
	}

	policyDirs := append([]string(nil), opts.PolicyDirs...)
	for _, d := range cfg.Policies {
		policyDirs = append(policyDirs, cfg.Path(d))
	}
	engine, err := policies.New(ctx, policies.Options{
		PolicyDirs: policyDirs, Now: opts.Now,
		KeyMaxAgeDays: cfg.PolicyParams.KeyMaxAgeDays, KeyUnusedDays: cfg.PolicyParams.KeyUnusedDays,
		Timeout: opts.PolicyTimeout,
	})
	if err != nil {
		return err
	}
	// Hand the parsed snapshots over and drop this frame's references, so
	// they can be collected once normalized: on a 50k-resource pair that is
	// hundreds of megabytes the policy stage can use instead.
	st, pr := in.staging, in.production
	in.staging, in.production = nil, nil
	productionName := pr.Environment
	rep, err := pipeline.Evaluate(ctx, st, pr, engine, pipeline.Options{
		Normalize: cfg.Normalize(), Waivers: cfg.Waivers, WaiverRules: waiverRules, Now: opts.Now,
		Gate: gateOpts, ToolVersion: collectors.ToolVersion,
	})
	if err != nil {
		return nameInput(err, in, productionName)
	}

	historyDir, keep := cfg.Path(cfg.History.Dir), cfg.History.Keep
	if opts.HistoryDir != "" {
		historyDir, keep = opts.HistoryDir, opts.Keep
	}
	if historyDir != "" {
		if err := recordHistory(ctx, historyDir, keep, rep, in, stderr); err != nil {
			return err
		}
	}

	targets := opts.Reports
	for _, r := range cfg.Reports {
		targets = append(targets, reportTarget{Format: r.Format, Path: cfg.Path(r.Path)})
	}
	color := !opts.NoColor && opts.Output == "" && colorAllowed(stdout)
	if err := writeOutputs(ctx, rep, opts, targets, color, stdout); err != nil {
		return err
	}

	if len(rep.PartialAreas) > 0 && !gateOpts.AllowPartial {
		return fmt.Errorf("coverage is partial in %s: the result cannot vouch for those areas (pass --allow-partial to gate anyway)",
			strings.Join(rep.PartialAreas, ", "))
	}
	if rep.Gate != nil && !rep.Gate.Passed {
		return gateFailed("gate failed")
	}
	return nil
}

// nameInput prefixes content errors with the file they came from.
func nameInput(err error, in runInputs, productionName string) error {
	var ee *normalize.EnvError
	if errors.As(err, &ee) {
		src := in.stagingSource
		if ee.Environment == productionName {
			src = in.productionSource
		}
		if src != "" {
			return fmt.Errorf("%s: %w", src, ee.Err)
		}
	}
	var np *normalize.NotAPairError
	if in.stagingSource != "" && errors.As(err, &np) {
		return fmt.Errorf("%s and %s: %w", in.stagingSource, in.productionSource, err)
	}
	return err
}

// writeOutputs writes the main output and every --report file. Files are
// written to a temp file and renamed, so a failed run never leaves half a
// report where a pipeline expects a whole one.
func writeOutputs(ctx context.Context, rep *reports.Report, opts evalOptions, targets []reportTarget, color bool, stdout io.Writer) error {
	failOn := pipeline.DefaultFailOn
	if rep.Gate != nil {
		failOn = rep.Gate.FailOn
	}
	for _, t := range targets {
		w, err := reports.New(t.Format, reports.Options{FailOn: failOn})
		if err != nil {
			return usageError("--report %s=%s: %v", t.Format, t.Path, err)
		}
		if err := writeFileAtomic(t.Path, func(out io.Writer) error { return w.Write(ctx, out, rep) }); err != nil {
			return err
		}
	}
	w, err := reports.New(opts.Format, reports.Options{FailOn: failOn, Color: color})
	if err != nil {
		return usageError("--format %s: %v", opts.Format, err)
	}
	if opts.Output != "" {
		return writeFileAtomic(opts.Output, func(out io.Writer) error { return w.Write(ctx, out, rep) })
	}
	return w.Write(ctx, stdout, rep)
}
