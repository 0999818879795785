// Command pipeline runs what `parity diff` does before rendering (load both
// snapshots, normalize.Pair, diff.Compare) once and prints the time of each
// stage, so bench.sh can put it under /usr/bin/time -v for peak memory:
//
//	go run ./collectors/snapshot/snapshottest/cmd/pipeline STAGING.json PRODUCTION.json
package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/parity-sec/parity/collectors/snapshot/snapshottest"
	"github.com/parity-sec/parity/diff"
	"github.com/parity-sec/parity/normalize"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "pipeline:", err)
		os.Exit(2)
	}
}

func run(args []string, out io.Writer) error {
	if len(args) != 2 {
		return fmt.Errorf("usage: pipeline STAGING.json PRODUCTION.json")
	}
	start := time.Now()
	st, pr, err := snapshottest.LoadPair(args[0], args[1])
	if err != nil {
		return err
	}
	loaded := time.Now()
	a, b, err := normalize.Pair(st, pr, normalize.Config{})
	if err != nil {
		return err
	}
	paired := time.Now()
	res := diff.Compare(a, b)
	done := time.Now()
	fmt.Fprintf(out, "resources  %d staging, %d production\n", len(a.Resources), len(b.Resources))
	fmt.Fprintf(out, "changes    %d\n", len(res.Changes))
	fmt.Fprintf(out, "load       %v\n", loaded.Sub(start).Round(time.Millisecond))
	fmt.Fprintf(out, "normalize  %v\n", paired.Sub(loaded).Round(time.Millisecond))
	fmt.Fprintf(out, "compare    %v\n", done.Sub(paired).Round(time.Millisecond))
	fmt.Fprintf(out, "total      %v\n", done.Sub(start).Round(time.Millisecond))
	return nil
}
