package policies

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/parity-sec/parity/collectors/snapshot/snapshottest"
	"github.com/parity-sec/parity/collectors/snapshot/snapshottest/golden"
	"github.com/parity-sec/parity/diff"
	"github.com/parity-sec/parity/diff/crossing"
	"github.com/parity-sec/parity/normalize"
)

// syntheticPair is the one synthetic generator's pair (snapshottest.Generate,
// n resources per environment, 2% drifted, 10% rewritten without changing
// meaning), normalized.
func syntheticPair(t testing.TB, n int) (*normalize.Environment, *normalize.Environment) {
	t.Helper()
	st, pr := snapshottest.Generate(n, 1)
	se, pe, err := normalize.Pair(st, pr, normalize.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return se, pe
}

// TestSyntheticPairFindings pins how many findings of each rule the
// synthetic pair gives; its drift covers every area.
func TestSyntheticPairFindings(t *testing.T) {
	st, pr := syntheticPair(t, 2000)
	e, err := New(context.Background(), Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	fs, err := e.Evaluate(context.Background(), st, pr, diff.Compare(st, pr))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, f := range fs {
		got[f.Rule]++
	}
	rules := make([]string, 0, len(got))
	for r := range got {
		rules = append(rules, r)
	}
	sort.Strings(rules)
	var b strings.Builder
	areas := map[string]bool{}
	for _, r := range rules {
		fmt.Fprintf(&b, "%-32s %d\n", r, got[r])
		area, _, _ := strings.Cut(r, ".")
		areas[area] = true
	}
	golden.Check(t, filepath.Join("testdata", "synthetic_findings.golden"), []byte(b.String()))
	for _, a := range []string{"identity", "secrets", "logging", "network"} {
		if !areas[a] {
			t.Errorf("no %s finding on the synthetic pair: %v", a, got)
		}
	}
}

// benchPair is the normalized 10k synthetic pair and the built-in rules.
func benchPair(b *testing.B) (st, pr *normalize.Environment, e *Engine) {
	b.Helper()
	st, pr = syntheticPair(b, 10000)
	e, err := New(context.Background(), Options{Now: testNow})
	if err != nil {
		b.Fatal(err)
	}
	return st, pr, e
}

// BenchmarkEvaluate10k measures one run's policy evaluation (input
// conversion, every rule, result conversion) on 10k resources per side.
func BenchmarkEvaluate10k(b *testing.B) {
	st, pr, e := benchPair(b)
	d := diff.Compare(st, pr)
	ctx := context.Background()
	first, err := e.Evaluate(ctx, st, pr, d)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	// The machine is shared: CPU time of the process (all threads, GC
	// included) per run is reported beside wall time as the steadier figure.
	before := cpuTime()
	for b.Loop() {
		fs, err := e.Evaluate(ctx, st, pr, d)
		if err != nil {
			b.Fatal(err)
		}
		if len(fs) != len(first) || len(fs) == 0 {
			b.Fatalf("%d findings, want %d as on the first run", len(fs), len(first))
		}
	}
	b.ReportMetric(float64((cpuTime()-before).Milliseconds())/float64(b.N), "cpu-ms/op")
}

// BenchmarkDiffEvaluate10k is issue 8's figure for the two stages it
// names: the differ (compare by meaning) and the policy evaluation (trace
// the paths, every rule), on the normalized 10k pair, warm (one run before
// the clock). reports/run's BenchmarkEvaluate10k adds normalizing.
func BenchmarkDiffEvaluate10k(b *testing.B) {
	st, pr, e := benchPair(b)
	ctx := context.Background()
	first, err := e.Evaluate(ctx, st, pr, diff.Compare(st, pr))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	before := cpuTime()
	for b.Loop() {
		fs, err := e.Evaluate(ctx, st, pr, diff.Compare(st, pr))
		if err != nil {
			b.Fatal(err)
		}
		if len(fs) != len(first) {
			b.Fatalf("%d findings, want %d as on the first run", len(fs), len(first))
		}
	}
	b.ReportMetric(float64((cpuTime()-before).Milliseconds())/float64(b.N), "cpu-ms/op")
}

// BenchmarkEvaluate10kUntraced is BenchmarkEvaluate10k without tracing
// the paths (diff/crossing, measured on its own there): the input is built
// every run and the traced paths are reused, so it measures the input
// conversion, the rules and the result conversion.
func BenchmarkEvaluate10kUntraced(b *testing.B) {
	st, pr, e := benchPair(b)
	d := diff.Compare(st, pr)
	ctx := context.Background()
	paths := plain(crossing.Trace(st, pr))
	want, err := e.Evaluate(ctx, st, pr, d)
	if err != nil {
		b.Fatal(err)
	}
	p := params{KeyMaxAgeDays: DefaultKeyDays, KeyUnusedDays: DefaultKeyDays}
	b.ReportAllocs()
	before := cpuTime()
	for b.Loop() {
		in := buildInput(st, pr, d, testNow, p)
		in["paths"] = paths
		fs, err := e.evaluate(ctx, in)
		if err != nil {
			b.Fatal(err)
		}
		if len(fs) != len(want) {
			b.Fatalf("%d findings, want %d as Evaluate gives", len(fs), len(want))
		}
	}
	b.ReportMetric(float64((cpuTime()-before).Milliseconds())/float64(b.N), "cpu-ms/op")
}
