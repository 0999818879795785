package normalize

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	flagpkg "flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parity-sec/parity/collectors/snapshot/snapshottest"
)

var updateDigest = flagpkg.Bool("update-digest", false, "rewrite testdata/pair_digest.txt")

// pairDump renders everything Pair produces that is observable: each
// environment as JSON (Resources with Attrs and Info, Ambiguous) and, per
// resource, the semantics the differ reads (prints, scopes, packet tuples,
// evaluator warnings). Speed work on normalize must leave it unchanged.
func pairDump(t testing.TB, n int, seed int64) []byte {
	t.Helper()
	s, p := snapshottest.Generate(n, seed)
	st, pr, err := Pair(s, p, Config{})
	if err != nil {
		t.Fatal(err)
	}
	var out []byte
	for _, e := range []*Environment{st, pr} {
		b, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b...)
		out = append(out, '\n')
		for _, k := range e.Keys() {
			r := e.Resources[k]
			if r.Sem == nil {
				continue
			}
			sem := map[string]any{"key": k}
			for a, id := range r.Sem.Identity {
				sem["identity/"+a] = [][]string{id.Policies.Warnings(), id.Boundary.Warnings(), {boolText(id.Policies == nil), boolText(id.Boundary == nil)}}
			}
			for a, pol := range r.Sem.Policies {
				sem["policy/"+a] = pol.Warnings()
			}
			for a, sc := range r.Sem.Scopes {
				sem["scope/"+a] = sc.Services
			}
			for a, set := range r.Sem.Packets {
				sem["packets/"+a] = set.Tuples()
			}
			for a, pr := range r.Sem.Prints {
				sem["print/"+a] = pr
			}
			b, err := json.Marshal(sem)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, b...)
			out = append(out, '\n')
		}
	}
	return out
}

func boolText(b bool) string {
	if b {
		return "nil"
	}
	return "set"
}

// TestPairDigest pins the output of Pair on a synthetic pair by digest.
func TestPairDigest(t *testing.T) {
	if testing.Short() {
		t.Skip("normalizes a 2000-resource pair")
	}
	sum := sha256.Sum256(pairDump(t, 2000, 7))
	got := hex.EncodeToString(sum[:])
	path := filepath.Join("testdata", "pair_digest.txt")
	if *updateDigest {
		if err := os.WriteFile(path, []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != strings.TrimSpace(string(want)) {
		t.Errorf("normalize.Pair output changed: digest %s, want %s", got, strings.TrimSpace(string(want)))
	}
}

// TestPairDumpFile writes the full dump of a larger pair to
// $PARITY_PAIR_DUMP for before/after comparisons by hand.
func TestPairDumpFile(t *testing.T) {
	path := os.Getenv("PARITY_PAIR_DUMP")
	if path == "" {
		t.Skip("set PARITY_PAIR_DUMP")
	}
	if err := os.WriteFile(path, pairDump(t, 10000, 1), 0o644); err != nil {
		t.Fatal(err)
	}
}
