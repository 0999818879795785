package snapshottest

import (
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/parity-sec/parity/collectors/snapshot"
	"github.com/parity-sec/parity/diff"
	"github.com/parity-sec/parity/normalize"
)

// benchSeed fixes the benchmark pairs so figures compare across runs.
const benchSeed = 1

var (
	pairsMu  sync.Mutex
	pairs    = map[int][2]string{}
	pairsDir string
)

// TestMain removes the benchmark pairs, which are shared by every b.Run
// call of a size rather than rewritten for each b.N.
func TestMain(m *testing.M) {
	code := m.Run()
	if pairsDir != "" {
		os.RemoveAll(pairsDir)
	}
	os.Exit(code)
}

// pairFiles writes the pair of size n once per process.
func pairFiles(b *testing.B, n int) (string, string) {
	b.Helper()
	pairsMu.Lock()
	defer pairsMu.Unlock()
	if p, ok := pairs[n]; ok {
		return p[0], p[1]
	}
	if pairsDir == "" {
		d, err := os.MkdirTemp("", "parity-bench-")
		if err != nil {
			b.Fatal(err)
		}
		pairsDir = d
	}
	st, pr, err := WriteFiles(fmt.Sprintf("%s/%d", pairsDir, n), n, benchSeed)
	if err != nil {
		b.Fatal(err)
	}
	pairs[n] = [2]string{st, pr}
	return st, pr
}

var benchSizes = []struct {
	name string
	n    int
}{{"1k", 1000}, {"10k", 10000}, {"50k", 50000}}

// BenchmarkPipeline measures what `parity diff` does before policies and
// rendering: load both files (concurrently), normalize them against each
// other, compare.
func BenchmarkPipeline(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(size.name, func(b *testing.B) {
			stPath, prPath := pairFiles(b, size.n)
			b.ReportAllocs()
			var changes int
			for b.Loop() {
				st, pr, err := LoadPair(stPath, prPath)
				if err != nil {
					b.Fatal(err)
				}
				a, p, err := normalize.Pair(st, pr, normalize.Config{})
				if err != nil {
					b.Fatal(err)
				}
				changes = len(diff.Compare(a, p).Changes)
			}
			b.ReportMetric(float64(changes), "changes")
		})
	}
}

// prepared caches, per size, the loaded and normalized pair the stage
// benchmarks start from, so a filtered run builds only what it measures.
type prepared struct {
	st, pr *snapshot.Snapshot
	a, p   *normalize.Environment
}

var preparedPairs = map[int]*prepared{}

func prepare(b *testing.B, n int) *prepared {
	b.Helper()
	if p, ok := preparedPairs[n]; ok {
		return p
	}
	stPath, prPath := pairFiles(b, n)
	st, pr, err := LoadPair(stPath, prPath)
	if err != nil {
		b.Fatal(err)
	}
	a, p, err := normalize.Pair(st, pr, normalize.Config{})
	if err != nil {
		b.Fatal(err)
	}
	preparedPairs[n] = &prepared{st: st, pr: pr, a: a, p: p}
	return preparedPairs[n]
}

// BenchmarkStages splits the pipeline so a regression can be placed.
func BenchmarkStages(b *testing.B) {
	for _, size := range benchSizes {
		b.Run("load/"+size.name, func(b *testing.B) {
			stPath, prPath := pairFiles(b, size.n)
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := LoadPair(stPath, prPath); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("pair/"+size.name, func(b *testing.B) {
			in := prepare(b, size.n)
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := normalize.Pair(in.st, in.pr, normalize.Config{}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("compare/"+size.name, func(b *testing.B) {
			in := prepare(b, size.n)
			b.ReportAllocs()
			for b.Loop() {
				diff.Compare(in.a, in.p)
			}
		})
	}
}
