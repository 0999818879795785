package crossing

import (
	"testing"

	"github.com/parity-sec/parity/collectors/snapshot/snapshottest"
	"github.com/parity-sec/parity/normalize"
)

// BenchmarkTrace10k traces every path on a synthetic pair of 10k resources
// per side (all kinds, 2 % drift, cross-account trusts among them).
func BenchmarkTrace10k(b *testing.B) {
	st, pr := snapshottest.Generate(benchN, 1)
	se, pe, err := normalize.Pair(st, pr, normalize.Config{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		r := Trace(se, pe)
		if r == nil {
			b.Fatal("no result")
		}
	}
}

var benchN = 10000
