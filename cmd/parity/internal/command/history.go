package command

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/parity-sec/parity/reports/display"
	"github.com/parity-sec/parity/reports/history"
	"github.com/parity-sec/parity/reports/run"
)

func historyCommand() *cli.Command {
	return &cli.Command{
		Name:      "history",
		Usage:     "list the runs kept by --history with their scores and verdicts",
		ArgsUsage: "DIR",
		Description: "Lists every complete run in DIR, oldest first, with its score, finding count and gate verdict.\n" +
			"A corrupt or half-written run is reported and skipped, never fatal.",
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageError("history needs one directory, DIR (got %d arguments)", c.NArg())
			}
			return listHistory(c.Args().First(), c.App.Writer)
		},
	}
}

func listHistory(dir string, w io.Writer) error {
	// A mistyped directory must not read as "no runs yet".
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		if err == nil {
			return usageError("history %s: not a directory", dir)
		}
		return usageError("history %s: no such directory (runs are kept by diff or run with --history DIR)", dir)
	}
	runs, problems, err := history.Store{Dir: dir}.List()
	if err != nil {
		return err
	}
	return history.WriteList(w, runs, problems)
}

// recordHistory fills rep.History from the previous run, then stores this
// run and applies retention. Problems with old runs are warnings: a nightly
// job must not die because last Tuesday's run was truncated.
func recordHistory(ctx context.Context, set settings, rep *run.Report, in runInputs, stderr io.Writer) error {
	dir, keep := set.HistoryDir, set.Keep
	store := history.Store{Dir: dir, FileMode: set.FileMode}
	runs, prev, prevInfo, ok, problems, err := store.ListLatest()
	if err != nil {
		return fmt.Errorf("history %s: %w", dir, err)
	}
	for _, p := range problems {
		fmt.Fprintf(stderr, "parity: history: %s\n", display.Line(fmt.Sprint(p)))
	}
	if !ok {
		prev = nil
	}
	rep.History = history.Compare(prev, prevInfo, rep, runs)
	if _, err := store.Save(ctx, history.Run{Time: rep.GeneratedAt, Staging: in.stagingRaw, Production: in.productionRaw, Report: rep}); err != nil {
		return fmt.Errorf("history %s: %w", dir, err)
	}
	if keep > 0 {
		if _, err := store.Prune(keep); err != nil {
			return fmt.Errorf("history %s: %w", dir, err)
		}
	}
	return nil
}
