// Package command implements parity's commands. Each command parses its
// flags into a typed options struct, then calls a function that takes a
// context, those options and writers, so it is tested without a process.
package command

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/parity-sec/parity/collectors"
	"github.com/parity-sec/parity/reports/display"
)

// Main runs the parity CLI with args (args[0] is the program name) and
// returns the process exit code.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	notFound := false
	app := newApp(stdout, stderr, &notFound)
	err := app.RunContext(ctx, interspersed(app, args))
	code := codeOf(err)
	if notFound {
		code = ExitError
	}
	if err != nil && code == ExitError {
		fmt.Fprintf(stderr, "parity: %s\n", display.Line(strings.ReplaceAll(err.Error(), "\n", "; ")))
	}
	return code
}

func newApp(stdout, stderr io.Writer, notFound *bool) *cli.App {
	app := &cli.App{
		Name:    "parity",
		Usage:   "show, with evidence, where staging and production differ in identities, secrets, logging and network rules",
		Version: collectors.Version(),
		Description: "parity snapshots two AWS environments (or reads snapshots you already have), pairs each resource\n" +
			"with its twin by canonical name, compares them by meaning, judges the differences with Rego policies\n" +
			"and reports them. Exit codes: 0 gate passed, 1 gate failed, 2 usage, input or collection error.\n\n" +
			"Start with:  parity diff testdata/snapshots/staging.json testdata/snapshots/production.json",
		Writer:                 stdout,
		ErrWriter:              stderr,
		HideHelpCommand:        true,
		UseShortOptionHandling: false,
		// Errors travel back to Main; cli must never exit the process itself.
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError: func(c *cli.Context, err error, _ bool) error {
			return usageError("%s (see 'parity %s --help')", err, c.Command.Name)
		},
		CommandNotFound: func(c *cli.Context, name string) {
			*notFound = true
			fmt.Fprintf(stderr, "parity: no command %q (see 'parity --help')\n", name)
		},
		Commands: []*cli.Command{
			diffCommand(),
			explainCommand(),
			snapshotCommand(),
			runCommand(),
			rulesCommand(),
			policyCommand(),
			historyCommand(),
			versionCommand(),
		},
	}
	setUsageErrors(app.Commands)
	hideBoolDefaults(app.Commands)
	return app
}

// hideBoolDefaults drops urfave/cli's "(default: false)" after boolean
// flags: a switch is off unless given, and where the default needs saying
// the usage text says it in words.
func hideBoolDefaults(cmds []*cli.Command) {
	for _, c := range cmds {
		for _, f := range c.Flags {
			if b, ok := f.(*cli.BoolFlag); ok {
				b.DisableDefaultText = true
			}
		}
		hideBoolDefaults(c.Subcommands)
	}
}

// setUsageErrors makes a bad flag one line on stderr with exit 2, instead
// of urfave/cli's default of printing the whole help to stdout.
func setUsageErrors(cmds []*cli.Command) {
	for _, c := range cmds {
		c.OnUsageError = func(ctx *cli.Context, err error, _ bool) error {
			return usageError("%s (see 'parity %s --help')", err, ctx.Command.FullName())
		}
		setUsageErrors(c.Subcommands)
	}
}
