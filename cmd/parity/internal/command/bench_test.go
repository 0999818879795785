package command

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/parity-sec/parity/collectors/snapshot/snapshottest"
)

// BenchmarkDiff10k is the whole `parity diff --format json` on a pair of
// 10k resources per environment, in process (load, normalize, compare,
// trace, rules, report, write), so a profile covers what a user waits for.
func BenchmarkDiff10k(b *testing.B) {
	dir := b.TempDir()
	stPath, prPath, err := snapshottest.WriteFiles(dir, 10000, 1)
	if err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(dir, "report.json")
	args := []string{"parity", "diff", "--format", "json", "-o", out, stPath, prPath}
	if code := Main(context.Background(), args, io.Discard, io.Discard); code != 1 {
		b.Fatalf("exit %d, want 1 (the pair drifts)", code)
	}
	b.ReportAllocs()
	for b.Loop() {
		if code := Main(context.Background(), args, io.Discard, io.Discard); code != 1 {
			b.Fatalf("exit %d, want 1", code)
		}
	}
	if fi, err := os.Stat(out); err != nil || fi.Size() == 0 {
		b.Fatalf("no report: %v", err)
	}
}
