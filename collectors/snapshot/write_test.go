package snapshot_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parity-sec/parity/collectors/snapshot"
)

func dirEntries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

// TestWriteFileThenLoad round-trips a snapshot; atomicity and modes are
// atomicfile's tests.
func TestWriteFileThenLoad(t *testing.T) {
	want := loadExample(t, "production")
	dir := t.TempDir()
	path := filepath.Join(dir, "production.json")
	if err := snapshot.WriteFile(path, want, 0); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"production.json"}, dirEntries(t, dir)); diff != "" {
		t.Errorf("temp file left behind (-want +got):\n%s", diff)
	}
	got, err := snapshot.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("mode %o, want 600 (snapshots are private by default)", perm)
	}
}
