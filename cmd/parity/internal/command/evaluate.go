package command

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/parity-sec/parity/cmd/parity/internal/config"
	"github.com/parity-sec/parity/collectors"
	"github.com/parity-sec/parity/collectors/atomicfile"
	"github.com/parity-sec/parity/normalize"
	"github.com/parity-sec/parity/policies"
	"github.com/parity-sec/parity/reports"
	"github.com/parity-sec/parity/reports/run"
)

// evaluateAndReport is the shared back half of diff and run: evaluate,
// compare with history, write every output, then turn the verdict into an
// exit code. set is the config with the flags laid over it (resolve), made
// by the caller before any snapshot is read or collected.
func evaluateAndReport(ctx context.Context, cfg *config.Config, set settings, opts evalOptions, in runInputs, stdout, stderr io.Writer) error {
	if err := checkOrientation(cfg, in); err != nil {
		return err
	}
	if err := policies.RefuseBroadWaivers(cfg.Waivers, set.WaiverRules); err != nil {
		return usageError("%s: %v", opts.ConfigPath, err)
	}
	engine, err := policies.New(ctx, policies.Options{
		PolicyDirs: set.PolicyDirs, Now: opts.Now,
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
	rep, err := run.Evaluate(ctx, st, pr, run.Options{
		Normalize: cfg.Normalize(), Engine: engine, Waivers: cfg.Waivers, WaiverRules: set.WaiverRules, Now: opts.Now,
		Gate: set.Gate, ToolVersion: collectors.Version(),
	})
	if err != nil {
		return nameInput(err, in, productionName)
	}
	if opts.explainID != "" {
		return explainFinding(rep, opts.explainID, opts.NoColor, stdout)
	}

	if set.HistoryDir != "" {
		if err := recordHistory(ctx, set, rep, in, stderr); err != nil {
			return err
		}
	}

	color := !opts.NoColor && opts.Output == "" && colorAllowed(stdout)
	width := reports.DefaultWidth
	if opts.Output == "" {
		width = terminalWidth(stdout)
	}
	if err := writeOutputs(ctx, rep, opts, set, color, width, stdout); err != nil {
		return err
	}
	sayWhy(ctx, rep, opts, set, stderr)
	return gateExit(rep.Gate)
}

// checkOrientation refuses swapped snapshots: production given first and
// staging second would read every "weaker side" backwards.
func checkOrientation(cfg *config.Config, in runInputs) error {
	st, pr := cfg.Environments.Staging, cfg.Environments.Production
	stagingNames := append([]string{st.EnvName("staging")}, cfg.Aliases[st.EnvName("staging")]...)
	productionNames := append([]string{pr.EnvName("production")}, cfg.Aliases[pr.EnvName("production")]...)
	err := run.CheckOrientation(in.staging.Environment, in.production.Environment, stagingNames, productionNames)
	var sw *run.SwappedError
	if errors.As(err, &sw) {
		sw.FirstSource, sw.SecondSource = in.stagingSource, in.productionSource
		return usageError("%s", sw.Error())
	}
	return err
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

// writeOutputs writes the main output and every --report file, each with
// atomicfile.Write, so a failed run never leaves half a report where a
// pipeline expects a whole one.
func writeOutputs(ctx context.Context, rep *run.Report, opts evalOptions, set settings, color bool, width int, stdout io.Writer) error {
	for _, t := range set.Reports {
		w, err := reports.New(t.Format, reports.Options{})
		if err != nil {
			return usageError("--report %s=%s: %v", t.Format, t.Path, err)
		}
		if err := writeReport(t.Path, set.FileMode, func(out io.Writer) error { return w.Write(ctx, out, rep) }); err != nil {
			return err
		}
	}
	w, err := reports.New(opts.Format, reports.Options{Color: color, Width: width, Changes: opts.Changes})
	if err != nil {
		return usageError("--format %s: %v", opts.Format, err)
	}
	if opts.Output != "" {
		return writeReport(opts.Output, set.FileMode, func(out io.Writer) error { return w.Write(ctx, out, rep) })
	}
	return w.Write(ctx, stdout, rep)
}

// writeReport writes a report atomically, creating its directory first: a
// configured out/parity.sarif must not fail on a fresh checkout.
func writeReport(path string, mode fs.FileMode, write func(io.Writer) error) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("create report directory: %w", err)
	}
	return atomicfile.Write(path, mode, write)
}
