// Command gen writes a synthetic staging/production snapshot pair for
// manual runs and benchmarks:
//
//	go run ./collectors/snapshot/snapshottest/cmd/gen -n 10000 -o /tmp/pair
//
// writes /tmp/pair/staging.json and /tmp/pair/production.json with n
// resources per environment. The same -n and -seed always give the same files.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/parity-sec/parity/collectors/snapshot/snapshottest"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(2)
	}
}

func run(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	n := fs.Int("n", 1000, "resources per environment")
	seed := fs.Int64("seed", 1, "random seed")
	dir := fs.String("o", "", "output directory (created if missing)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dir == "" {
		return fmt.Errorf("-o: give an output directory")
	}
	if *n < 0 {
		return fmt.Errorf("-n %d: want a count of zero or more", *n)
	}
	st, pr, err := snapshottest.WriteFiles(*dir, *n, *seed)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, st)
	fmt.Fprintln(out, pr)
	return nil
}
