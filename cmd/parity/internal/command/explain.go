package command

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/parity-sec/parity/reports"
	"github.com/parity-sec/parity/reports/run"
)

func explainCommand() *cli.Command {
	return &cli.Command{
		Name:      "explain",
		Usage:     "show one finding in full: both sides' real names, ARNs and accounts, evidence, witness and remediation",
		ArgsUsage: "ID [STAGING.json PRODUCTION.json]",
		Description: "ID is a finding's id or a unique prefix of it, as the table lists it. The finding comes from\n" +
			"evaluating the two snapshots (with --config and --policy as for diff), or from a JSON report\n" +
			"written earlier with --format json (--from).\n\n" +
			"Examples:\n" +
			"  parity explain df9b4f1c staging.json production.json\n" +
			"  parity explain df9b4f1c --from parity.json",
		Flags: append(evalFlags(), &cli.StringFlag{Name: "from", Usage: "read the finding from a JSON report `FILE` (--format json) instead of evaluating snapshots"}),
		Action: func(c *cli.Context) error {
			from := c.String("from")
			switch {
			case from != "" && c.NArg() == 1:
				return explainFromReport(c.Args().First(), from, c.Bool("no-color"), c.App.Writer)
			case from == "" && c.NArg() == 3:
			default:
				return usageError("explain needs ID and two snapshot files, or ID and --from REPORT.json (got %d arguments)", c.NArg())
			}
			opts, err := parseEvalFlags(c)
			if err != nil {
				return err
			}
			opts.explainID = c.Args().First()
			return runDiff(c.Context, c.Args().Get(1), c.Args().Get(2), opts, c.App.Writer, c.App.ErrWriter)
		},
	}
}

func explainFromReport(id, path string, noColor bool, w io.Writer) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("--from %w", err)
	}
	var rep run.Report
	if err := json.Unmarshal(data, &rep); err != nil {
		return usageError("--from %s: not a parity JSON report: %v", path, err)
	}
	return explainFinding(&rep, id, noColor, w)
}

func explainFinding(rep *run.Report, id string, noColor bool, w io.Writer) error {
	f, err := reports.FindFinding(rep, id)
	if err != nil {
		return usageError("explain: %v", err)
	}
	return reports.Explain(w, rep, f, terminalWidth(w), !noColor && colorAllowed(w))
}
