package atomicfile_test

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parity-sec/parity/collectors/atomicfile"
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

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

func TestFailureLeavesNothing(t *testing.T) {
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
			err := atomicfile.Write(path, 0, func(w io.Writer) error {
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

func TestMissingDirectory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "no-such-dir", "staging.json")
	err := atomicfile.Write(path, 0, func(io.Writer) error { return nil })
	if err == nil {
		t.Fatal("write into a missing directory succeeded")
	}
	if msg := err.Error(); !strings.HasPrefix(msg, "write "+path+": ") || strings.Contains(msg, "\n") {
		t.Errorf("error %q: want one line starting with %q", msg, "write "+path+": ")
	}
}

func TestRefusesDirectory(t *testing.T) {
	dir := t.TempDir()
	err := atomicfile.Write(dir, 0, writeString("x"))
	if err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("write over a directory: got %v, want an 'is a directory' error", err)
	}
}

func TestParseMode(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want fs.FileMode
		ok   bool
	}{
		{"600", 0o600, true},
		{"0600", 0o600, true},
		{"0644", 0o644, true},
		{"0o644", 0, false},
		{"", 0, false},
		{"644x", 0, false},
		{"999", 0, false},
		{"4755", 0, false},
		{"0400", 0, false},
		{"-600", 0, false},
	} {
		got, err := atomicfile.ParseMode(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("ParseMode(%q) = %o, %v; want %o, ok=%v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

func TestDirMode(t *testing.T) {
	for in, want := range map[fs.FileMode]fs.FileMode{0o600: 0o700, 0o640: 0o750, 0o644: 0o755} {
		if got := atomicfile.DirMode(in); got != want {
			t.Errorf("DirMode(%o) = %o, want %o", in, got, want)
		}
	}
}

// FuzzParseMode: --file-mode is user input; whatever it accepts is only
// permission bits the owner can read and write, and reads back the same.
func FuzzParseMode(f *testing.F) {
	for _, s := range []string{"600", "0644", "0o644", "", "7777", "-1", "0600\n", "１２３"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := atomicfile.ParseMode(s)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("ParseMode(%q): error spans lines: %q", s, err)
			}
			return
		}
		if m&^0o777 != 0 || m&0o600 != 0o600 {
			t.Errorf("ParseMode(%q) = %o: not owner-rw permission bits", s, m)
		}
		if again, err := atomicfile.ParseMode(fmt.Sprintf("%o", uint32(m))); err != nil || again != m {
			t.Errorf("ParseMode(%o) = %o, %v; want it back", m, again, err)
		}
	})
}
