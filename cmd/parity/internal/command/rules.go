package command

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/urfave/cli/v2"

	"github.com/parity-sec/parity/policies"
)

func rulesCommand() *cli.Command {
	return &cli.Command{
		Name:  "rules",
		Usage: "list every rule (built-in and --policy) with its category, severity and remediation",
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "policy", Usage: "also list the rules in `DIR` (repeatable)"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "table", Usage: "table or json"},
		},
		Action: func(c *cli.Context) error {
			format := strings.ToLower(strings.TrimSpace(c.String("format")))
			if format != "table" && format != "json" {
				return usageError("--format %q: want table or json", format)
			}
			return listRules(c.Context, c.StringSlice("policy"), format, c.App.Writer)
		},
	}
}

func listRules(ctx context.Context, dirs []string, format string, w io.Writer) error {
	engine, err := policies.New(ctx, policies.Options{PolicyDirs: dirs})
	if err != nil {
		return err
	}
	rules := engine.Rules()
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(rules)
	}
	t := tablewriter.NewTable(w, tablewriter.WithHeader([]string{"Rule", "Category", "Severity", "Title"}))
	for _, r := range rules {
		if err := t.Append([]string{r.ID, r.Category, r.Severity, r.Title}); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%d rules. Severity is each rule's default: a rule that compares the two sides may report a\n"+
		"finding higher or lower by which side is weaker (a weaker production is worse). Details: parity rules --format json\n", len(rules))
	return err
}

func policyCommand() *cli.Command {
	return &cli.Command{
		Name:  "policy",
		Usage: "work with Rego policies",
		Subcommands: []*cli.Command{{
			Name:      "test",
			Usage:     "run the Rego unit tests (*_test.rego) of the built-in rules and of DIRs",
			ArgsUsage: "[DIR...]",
			Action: func(c *cli.Context) error {
				return testPolicies(c.Context, c.Args().Slice(), c.App.Writer)
			},
		}},
	}
}

func testPolicies(ctx context.Context, dirs []string, w io.Writer) error {
	passed, failed, err := policies.RunTests(ctx, dirs, w)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%d passed, %d failed\n", passed, failed)
	if failed > 0 {
		return testsFailed(fmt.Sprintf("%d policy tests failed", failed))
	}
	return nil
}
