package snapshot_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
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

func TestWriteFileAtomicFailureLeavesNothing(t *testing.T) {
	boom := errors.New("disk on fire")
	tests := []struct {
		name     string
		existing string // content already at path; "" for none
	}{
		{name: "new file"},
		{name: "replacing a file", existing: "old snapshot\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "staging.json")
			if tt.existing != "" {
				if err := os.WriteFile(path, []byte(tt.existing), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			err := snapshot.WriteFileAtomic(path, func(w io.Writer) error {
				if _, err := io.WriteString(w, `{"schema_version": 1, "environ`); err != nil {
					return err
				}
				return boom
			})
			if !errors.Is(err, boom) {
				t.Fatalf("got error %v, want it to wrap %v", err, boom)
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name %s", err, path)
			}
			want := []string(nil)
			if tt.existing != "" {
				want = []string{"staging.json"}
			}
			if diff := cmp.Diff(want, dirEntries(t, dir)); diff != "" {
				t.Errorf("directory after a failed write (-want +got):\n%s", diff)
			}
			if tt.existing != "" {
				got, _ := os.ReadFile(path)
				if diff := cmp.Diff(tt.existing, string(got)); diff != "" {
					t.Errorf("failed write touched the existing file (-want +got):\n%s", diff)
				}
			}
		})
	}
}

func TestWriteFileAtomicMissingDirectory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "no-such-dir", "staging.json")
	err := snapshot.WriteFileAtomic(path, func(io.Writer) error { return nil })
	if err == nil {
		t.Fatal("write into a missing directory succeeded")
	}
	if msg := err.Error(); !strings.HasPrefix(msg, "write "+path+": ") || strings.Contains(msg, "\n") {
		t.Errorf("error %q: want one line starting with %q", msg, "write "+path+": ")
	}
}

func TestWriteFileThenLoad(t *testing.T) {
	want := loadExample(t, "production")
	dir := t.TempDir()
	path := filepath.Join(dir, "production.json")
	if err := snapshot.WriteFile(path, want); err != nil {
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
	if perm := info.Mode().Perm(); perm != 0o644 {
		t.Errorf("mode %o, want 644", perm)
	}
}
