// Command pipeline runs what `parity diff` does before rendering (load both
// snapshots, normalize.Pair, diff.Compare) once and prints the time of each
// stage, so bench.sh can put it under /usr/bin/time -v for peak memory:
//
//	go run ./collectors/snapshot/snapshottest/cmd/pipeline STAGING.json PRODUCTION.json
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/parity-sec/parity/collectors/snapshot/snapshottest"
	"github.com/parity-sec/parity/diff"
	"github.com/parity-sec/parity/diff/crossing"
	"github.com/parity-sec/parity/normalize"
	"github.com/parity-sec/parity/policies"
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
	crossing.Trace(a, b)
	traced := time.Now()
	e, err := policies.New(context.Background(), policies.Options{})
	if err != nil {
		return err
	}
	compiled := time.Now()
	fs, err := e.Evaluate(context.Background(), a, b, res)
	if err != nil {
		return err
	}
	evaluated := time.Now()
	fmt.Fprintf(out, "resources  %d staging, %d production\n", len(a.Resources), len(b.Resources))
	fmt.Fprintf(out, "changes    %d\n", len(res.Changes))
	fmt.Fprintf(out, "load       %v\n", loaded.Sub(start).Round(time.Millisecond))
	fmt.Fprintf(out, "normalize  %v\n", paired.Sub(loaded).Round(time.Millisecond))
	fmt.Fprintf(out, "compare    %v\n", done.Sub(paired).Round(time.Millisecond))
	fmt.Fprintf(out, "total      %v (load + normalize + compare)\n", done.Sub(start).Round(time.Millisecond))
	fmt.Fprintf(out, "trace      %v (paths alone; evaluate repeats it)\n", traced.Sub(done).Round(time.Millisecond))
	fmt.Fprintf(out, "evaluate   %v (%d findings; rules compiled before, in %v)\n", evaluated.Sub(compiled).Round(time.Millisecond), len(fs), compiled.Sub(traced).Round(time.Millisecond))
	fmt.Fprintf(out, "all        %v (load + normalize + compare + evaluate)\n", (evaluated.Sub(compiled) + done.Sub(start)).Round(time.Millisecond))
	return nil
}
