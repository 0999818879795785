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

// BenchmarkPipeline measures what `parity diff` does before rendering:
// load both files, normalize them against each other, compare.
func BenchmarkPipeline(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(size.name, func(b *testing.B) {
			stPath, prPath := pairFiles(b, size.n)
			b.ReportAllocs()
			var changes int
			for b.Loop() {
				st, err := snapshot.Load(stPath)
				if err != nil {
					b.Fatal(err)
				}
				pr, err := snapshot.Load(prPath)
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

// BenchmarkStages splits the pipeline so a regression can be placed.
func BenchmarkStages(b *testing.B) {
	for _, size := range benchSizes {
		stPath, prPath := pairFiles(b, size.n)
		st, err := snapshot.Load(stPath)
		if err != nil {
			b.Fatal(err)
		}
		pr, err := snapshot.Load(prPath)
		if err != nil {
			b.Fatal(err)
		}
		a, p, err := normalize.Pair(st, pr, normalize.Config{})
		if err != nil {
			b.Fatal(err)
		}
		b.Run("load/"+size.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := snapshot.Load(stPath); err != nil {
					b.Fatal(err)
				}
				if _, err := snapshot.Load(prPath); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("pair/"+size.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := normalize.Pair(st, pr, normalize.Config{}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("compare/"+size.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				diff.Compare(a, p)
			}
		})
	}
}
