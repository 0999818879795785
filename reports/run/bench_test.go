package run_test

import (
	"context"
	"testing"

	"github.com/parity-sec/parity/collectors/snapshot/snapshottest"
	"github.com/parity-sec/parity/policies"
	"github.com/parity-sec/parity/reports/run"
)

// BenchmarkEvaluate10k is issue 8's figure: one run's diff and evaluation
// (normalize, compare by meaning, trace paths, every rule, waivers, score,
// gate) on a pair of 10k resources per environment, warm: the snapshots
// are loaded and the engine compiled before the clock starts, and one run
// precedes it, so catalogues and caches are in place.
func BenchmarkEvaluate10k(b *testing.B) {
	st, pr := snapshottest.Generate(10000, 1)
	ctx := context.Background()
	e, err := policies.New(ctx, policies.Options{Now: now})
	if err != nil {
		b.Fatal(err)
	}
	opts := run.Options{Engine: e, Now: now}
	first, err := run.Evaluate(ctx, st, pr, opts)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		rep, err := run.Evaluate(ctx, st, pr, opts)
		if err != nil {
			b.Fatal(err)
		}
		if len(rep.Findings) != len(first.Findings) || len(rep.Changes) != len(first.Changes) {
			b.Fatalf("%d findings, %d changes; the first run had %d, %d",
				len(rep.Findings), len(rep.Changes), len(first.Findings), len(first.Changes))
		}
	}
}
