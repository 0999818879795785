package normalize

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parity-sec/parity/collectors/snapshot"
)

// TestTwinChoiceIgnoresOrder: whichever order the snapshot lists them in,
// the exact environment name beats another case, which beats an alias, and
// every loser is compared with a copy of the twin.
func TestTwinChoiceIgnoresOrder(t *testing.T) {
	cfg := Config{Aliases: map[string][]string{"staging": {"stg", "stage"}}}
	names := []string{"payments-stage", "payments-STAGING", "payments-staging", "payments-stg"}
	var first []Ambiguity
	for perm := range 4 {
		ordered := append(slices.Clone(names[perm:]), names[:perm]...)
		st := &snapshot.Snapshot{Environment: "staging", AccountID: "111111111111"}
		for _, n := range ordered {
			st.Secrets.Parameters = append(st.Secrets.Parameters, snapshot.Parameter{Name: n, Region: "us-east-1", Type: "String"})
		}
		pr := &snapshot.Snapshot{Environment: "production", AccountID: "222222222222"}
		pr.Secrets.Parameters = []snapshot.Parameter{{Name: "payments-production", Region: "us-east-1", Type: "SecureString"}}
		se, pe, err := Pair(st, pr, cfg)
		if err != nil {
			t.Fatal(err)
		}
		if len(se.Ambiguous) != 1 {
			t.Fatalf("ambiguous = %+v, want one key", se.Ambiguous)
		}
		a := se.Ambiguous[0]
		var got []string
		for _, c := range a.Candidates {
			got = append(got, c.Name)
			if pe.Resources[c.Key] == nil {
				t.Errorf("candidate %s (key %s) has no twin", c.Name, c.Key)
			}
		}
		want := []string{"payments-staging", "payments-STAGING", "payments-stage", "payments-stg"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("order %v: candidates (-want +got):\n%s", ordered, diff)
		}
		if first == nil {
			first = se.Ambiguous
		} else if diff := cmp.Diff(first, se.Ambiguous); diff != "" {
			t.Errorf("order %v changes the result:\n%s", ordered, diff)
		}
		for _, c := range a.Candidates[1:] {
			if cp := pe.Resources[c.Key]; cp.TwinOf != a.Key {
				t.Errorf("copy of the twin at %s: TwinOf %q, want %q", c.Key, cp.TwinOf, a.Key)
			}
		}
	}
}
