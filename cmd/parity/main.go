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
	"github.com/parity-sec/parity/collectors"
)

func main() {
	// "go install …@v1.2.3" records the module version; a source build
	// keeps "dev" unless -ldflags sets collectors.ToolVersion.
	if bi, ok := debug.ReadBuildInfo(); ok && collectors.ToolVersion == "dev" &&
		bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		collectors.ToolVersion = bi.Main.Version
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := command.Main(ctx, os.Args, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
