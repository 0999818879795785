package command

import (
	"context"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/parity-sec/parity/collectors/snapshot"
)

func diffCommand() *cli.Command {
	return &cli.Command{
		Name:      "diff",
		Usage:     "compare two snapshot files and judge the differences",
		ArgsUsage: "STAGING.json PRODUCTION.json",
		Description: "Pairs every resource of the staging snapshot with its production twin (names with the environment's\n" +
			"name, aliases and account id replaced), shows what differs by meaning, evaluates the Rego rules and\n" +
			"applies the gate.\n\n" +
			"Examples:\n" +
			"  parity diff staging.json production.json\n" +
			"  parity diff staging.json production.json --format json -o parity.json\n" +
			"  parity diff staging.json production.json --fail-on critical --report sarif=parity.sarif --report junit=parity.xml",
		Flags: evalFlags(),
		Action: func(c *cli.Context) error {
			if c.NArg() != 2 {
				return usageError("diff needs two snapshot files, STAGING.json PRODUCTION.json (got %d arguments)", c.NArg())
			}
			opts, err := parseEvalFlags(c)
			if err != nil {
				return err
			}
			return runDiff(c.Context, c.Args().Get(0), c.Args().Get(1), opts, c.App.Writer, c.App.ErrWriter)
		},
	}
}

// runDiff loads both files, evaluates and writes the outputs.
func runDiff(ctx context.Context, stagingPath, productionPath string, opts evalOptions, stdout, stderr io.Writer) error {
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
	if stagingPath == productionPath {
		return usageError("the same file %s was given for staging and production", stagingPath)
	}
	// Decoding JSON dominates loading; the two files decode in parallel.
	var (
		pr     *snapshot.Snapshot
		prRaw  []byte
		prErr  error
		prDone = make(chan struct{})
	)
	go func() {
		defer close(prDone)
		pr, prRaw, prErr = snapshot.LoadRaw(productionPath, opts.MaxSnapshotSize)
	}()
	st, stRaw, err := snapshot.LoadRaw(stagingPath, opts.MaxSnapshotSize)
	<-prDone
	if err != nil {
		return err
	}
	if prErr != nil {
		return prErr
	}
	if set.HistoryDir == "" {
		stRaw, prRaw = nil, nil // only the history store needs the bytes
	}
	return evaluateAndReport(ctx, cfg, set, opts, runInputs{
		staging: st, production: pr, stagingRaw: stRaw, productionRaw: prRaw,
		stagingSource: stagingPath, productionSource: productionPath,
	}, stdout, stderr)
}

type runInputs struct {
	staging, production       *snapshot.Snapshot
	stagingRaw, productionRaw []byte
	// stagingSource and productionSource name where each side came from
	// (a file, or "environment NAME" when collected live) for error messages.
	stagingSource, productionSource string
}
