//go:build unix

package atomicfile_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parity-sec/parity/collectors/atomicfile"
)

// TestModes checks the mode is exactly what was asked, whatever the umask
// (a umask of 0 would otherwise leave a world-readable report).
func TestModes(t *testing.T) {
	old := syscall.Umask(0)
	t.Cleanup(func() { syscall.Umask(old) })
	for _, tc := range []struct {
		mode, want fs.FileMode
	}{
		{0, 0o600},
		{0o600, 0o600},
		{0o640, 0o640},
		{0o644, 0o644},
	} {
		path := filepath.Join(t.TempDir(), "r.json")
		if err := atomicfile.Write(path, tc.mode, writeString("{}")); err != nil {
			t.Fatal(err)
		}
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != tc.want {
			t.Errorf("mode %o: file is %o, want %o", tc.mode, got, tc.want)
		}
	}
}

// TestWritesThroughSpecialFiles: -o /dev/null must not replace the device
// with a regular file, and a FIFO must receive the bytes, not be replaced.
func TestWritesThroughSpecialFiles(t *testing.T) {
	if err := atomicfile.Write(os.DevNull, 0, writeString("report")); err != nil {
		t.Fatalf("write to %s: %v", os.DevNull, err)
	}
	fi, err := os.Stat(os.DevNull)
	if err != nil || fi.Mode()&fs.ModeCharDevice == 0 {
		t.Fatalf("%s is no longer a character device: %v %v", os.DevNull, fi.Mode(), err)
	}

	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	got := make(chan string, 1)
	go func() {
		b, _ := os.ReadFile(fifo)
		got <- string(b)
	}()
	if err := atomicfile.Write(fifo, 0, writeString("through the pipe")); err != nil {
		t.Fatalf("write to FIFO: %v", err)
	}
	if s := <-got; s != "through the pipe" {
		t.Errorf("FIFO reader got %q", s)
	}
	fi, err = os.Lstat(fifo)
	if err != nil || fi.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("FIFO was replaced: %v %v", fi.Mode(), err)
	}
	if diff := cmp.Diff([]string{"pipe"}, dirEntries(t, dir)); diff != "" {
		t.Errorf("temp file left beside the FIFO (-want +got):\n%s", diff)
	}
}
