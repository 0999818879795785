package snapshottest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/parity-sec/parity/collectors/snapshot"
)

// RepoRoot returns the module root, the first directory at or above the
// working directory that holds go.mod, so a test finds shared files the
// same way from any package.
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test directory")
		}
		dir = parent
	}
}

// ExamplePaths returns the files of the example pair shipped in
// testdata/snapshots, whose drift testdata/snapshots/README.md lists.
func ExamplePaths(t testing.TB) (staging, production string) {
	t.Helper()
	dir := filepath.Join(RepoRoot(t), "testdata", "snapshots")
	return filepath.Join(dir, "staging.json"), filepath.Join(dir, "production.json")
}

// Example loads the shipped example pair; it is the one loader every test
// of the example uses.
func Example(t testing.TB) (staging, production *snapshot.Snapshot) {
	t.Helper()
	sp, pp := ExamplePaths(t)
	st, err := snapshot.Load(sp)
	if err != nil {
		t.Fatalf("load example: %v", err)
	}
	pr, err := snapshot.Load(pp)
	if err != nil {
		t.Fatalf("load example: %v", err)
	}
	return st, pr
}
