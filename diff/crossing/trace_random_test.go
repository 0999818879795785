package crossing

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/parity-sec/parity/normalize"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// TestTraceRandom pins every path Trace finds on random pairs dense in
// crossings (see randomPair), so a change to how Trace computes them
// cannot change what it finds: the golden is refreshed with -update only
// when the meaning of a path changes on purpose.
func TestTraceRandom(t *testing.T) {
	var buf bytes.Buffer
	for seed := uint64(1); seed <= 16; seed++ {
		st, pr := randomPair(seed)
		se, pe, err := normalize.Pair(st, pr, normalize.Config{})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		b, err := json.Marshal(Trace(se, pe))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&buf, "%d %s\n", seed, b)
	}
	path := filepath.Join("testdata", "trace_random.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (run with -update): %v", err)
	}
	got := bytes.Split(buf.Bytes(), []byte("\n"))
	for i, w := range bytes.Split(want, []byte("\n")) {
		if i >= len(got) || !bytes.Equal(got[i], w) {
			g := []byte(nil)
			if i < len(got) {
				g = got[i]
			}
			t.Errorf("line %d differs:\n got: %s\nwant: %s", i+1, g, w)
		}
	}
	if len(got) != len(bytes.Split(want, []byte("\n"))) {
		t.Errorf("got %d lines, want %d", len(got), len(bytes.Split(want, []byte("\n"))))
	}
}
