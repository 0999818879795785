// Command parity compares a staging and a production AWS environment in the
// things that decide access and reports where they differ. main only wires
// the process to the command package; it is the one place that exits.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"

	"github.com/parity-sec/parity/cmd/parity/internal/command"
)

// gcPercent is parity's garbage-collection target unless GOGC says
// otherwise. A run builds one large heap that stays live until the report
// is written, so Go's default (collect each time the heap doubles) spends
// a quarter of the CPU re-marking it; README "Performance" has the figures.
const gcPercent = 200

func main() {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(gcPercent)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := command.Main(ctx, os.Args, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
