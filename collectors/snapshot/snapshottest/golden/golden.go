// Package golden is parity's one golden-file helper and owns the one
// -update flag: `go test ./... -update` rewrites every golden file from the
// current output, and a plain `go test` compares against them.
//
// It is test support: only _test.go files may import it (it registers a
// flag and imports go-cmp, which the shipped binary must not carry). It
// lives under collectors, the first stage, so tests of every stage can use
// it without an import pointing backwards.
package golden

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files (and generated files checked by tests) from the current output")

// Update reports whether -update was given, for tests that regenerate a
// checked-in file that is not a plain golden file (the shipped IAM policy).
func Update() bool { return *update }

// Check compares got with the golden file at path; with -update it first
// writes got there (creating the directory). A missing file fails and says
// how to create it.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden %s: %v (go test -update writes it)", path, err)
	}
	if d := cmp.Diff(string(want), string(got)); d != "" {
		t.Errorf("%s differs (-want +got; go test -update refreshes it after an intended change):\n%s", path, d)
	}
}
