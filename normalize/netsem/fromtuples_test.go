package netsem

import (
	"math/rand/v2"
	"testing"
)

// FromTuples must invert Tuples exactly, on the same random sets the
// differential test draws, so rules that hand tuples back to Go see the
// set normalize built.
func TestFromTuplesInvertsTuples(t *testing.T) {
	g := gen{rand.New(rand.NewPCG(7, 11))}
	for i := 0; i < 300; i++ {
		var s Set
		var err error
		if i%2 == 0 {
			s, err = FromSG(g.sgRules())
		} else {
			s, err = FromACL(g.number(g.aclEntries()))
		}
		if err != nil {
			continue
		}
		back, err := FromTuples(s.Tuples())
		if err != nil {
			t.Fatalf("case %d: FromTuples: %v", i, err)
		}
		if !back.Equal(s) {
			t.Fatalf("case %d: FromTuples(Tuples(s)) != s\ntuples: %+v", i, s.Tuples())
		}
	}
}
