// Command parity compares a staging and a production AWS environment in the
// things that decide access and reports where they differ. main only wires
// the process to the command package; it is the one place that exits.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/parity-sec/parity/cmd/parity/internal/command"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := command.Main(ctx, os.Args, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
