package iameval

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand"
	"testing"
	"time"
)

var (
	pairsFlag = flag.Int("iameval.pairs", 200, "random pairs per class in the differential test")
	seedFlag  = flag.Int64("iameval.seed", 0, "seed for the differential test (0: time-based)")
)

// TestDifferential compares the evaluator's verdicts and witnesses with
// the brute-force oracle on random pairs in four classes: rewrites that keep
// meaning (and split Not* lists, which must not count as equal) and small
// real changes, each for identities (with boundaries) and for
// resource/trust policies (with principals).
//
// The evaluator's verdict is over the infinite request space, the
// oracle's over a finite universe (universe_test.go) extended with the
// evaluator's witnesses. A witness is checked on its own: the oracle must
// allow it on one side and not the other. "equal" is checked against every
// request of the universe, which is complete for the pools the generator
// draws from: the pair's patterns cannot separate two requests that the
// universe does not separate.
func TestDifferential(t *testing.T) {
	seed := *seedFlag
	if seed == 0 {
		seed = time.Now().UnixNano()
	}
	r := rand.New(rand.NewSource(seed))
	for _, class := range []struct {
		name              string
		principals, keeps bool
	}{
		{"identity-rewrite", false, true},
		{"identity-change", false, false},
		{"policy-rewrite", true, true},
		{"policy-change", true, false},
	} {
		stats := map[string]int{}
		fails := 0
		for i := 0; i < *pairsFlag && fails < 5; i++ {
			g := &gen{r: r, principals: class.principals}
			a := g.side()
			b := cloneSide(a)
			var kind string
			for n := 0; n <= r.Intn(2); n++ {
				if class.keeps {
					kind += g.rewrite(&b) + " "
				} else {
					kind += g.change(&b) + " "
				}
			}
			got, want, err := checkPair(a, b, class.principals)
			stats[string(want)]++
			if err != "" {
				fails++
				ja, _ := json.Marshal(a.pol)
				jab, _ := json.Marshal(a.bnd)
				jb, _ := json.Marshal(b.pol)
				jbb, _ := json.Marshal(b.bnd)
				t.Errorf("seed %d class %s pair %d (%s): %s\nleft  %s boundary(%v) %s\nright %s boundary(%v) %s\nverdict %s %+v %+v",
					seed, class.name, i, kind, err, ja, a.hasBnd, jab, jb, b.hasBnd, jbb, got.Relation, got.LeftOnly, got.RightOnly)
			}
		}
		t.Logf("%s: %d pairs, oracle verdicts %v (seed %d)", class.name, *pairsFlag, stats, seed)
	}
}

func compileSide(s oSide) Identity {
	id := Identity{Policies: compileT(s.pol...)}
	if s.hasBnd {
		id.Boundary = compileT(s.bnd...)
	}
	return id
}

// checkPair returns the evaluator's verdict, the oracle's relation and a
// description of any disagreement.
func checkPair(a, b oSide, principals bool) (Verdict, Relation, string) {
	var v Verdict
	if principals {
		v = ComparePolicy(compileT(a.pol...), compileT(b.pol...))
	} else {
		v = CompareIdentity(compileSide(a), compileSide(b))
	}
	u := universeFor([]oSide{a, b}, principals)
	var leftOnly, rightOnly *Request
	for _, w := range []*Witness{v.LeftOnly, v.RightOnly} {
		if w != nil {
			u.actions = append(u.actions, w.Request.Action)
			u.resources = append(u.resources, w.Request.Resource)
			u.principals = append(u.principals, w.Request.Principal)
			u.contexts = append(u.contexts, w.Request.Context)
		}
	}
	for _, act := range u.actions {
		for _, res := range u.resources {
			for _, p := range u.principals {
				for _, ctx := range u.contexts {
					if leftOnly != nil && rightOnly != nil {
						break
					}
					req := Request{Principal: p, Action: act, Resource: res, Context: ctx}
					la, lb := oAllows(a, req), oAllows(b, req)
					if la && !lb && leftOnly == nil {
						leftOnly = &req
					}
					if lb && !la && rightOnly == nil {
						rightOnly = &req
					}
				}
			}
		}
	}
	want := Equal
	switch {
	case leftOnly != nil && rightOnly != nil:
		want = BothWider
	case leftOnly != nil:
		want = LeftWider
	case rightOnly != nil:
		want = RightWider
	}
	if v.LeftOnly != nil && !(oAllows(a, v.LeftOnly.Request) && !oAllows(b, v.LeftOnly.Request)) {
		return v, want, fmt.Sprintf("left witness %+v not confirmed by the oracle", *v.LeftOnly)
	}
	if v.RightOnly != nil && !(oAllows(b, v.RightOnly.Request) && !oAllows(a, v.RightOnly.Request)) {
		return v, want, fmt.Sprintf("right witness %+v not confirmed by the oracle", *v.RightOnly)
	}
	if v.Relation != want {
		return v, want, fmt.Sprintf("verdict %s, oracle %s (oracle left-only %+v, right-only %+v)", v.Relation, want, leftOnly, rightOnly)
	}
	if len(v.Approximations) > 0 {
		return v, want, fmt.Sprintf("unexpected approximations %v", v.Approximations)
	}
	if !principals {
		// The differ decides relations from Differences alone (one request
		// space instead of two), so it answers to the oracle too: a side
		// has deltas exactly when it allows more, and every delta's
		// witness is a request that side allows and the other does not.
		l, r := Differences(compileSide(a), compileSide(b), 0)
		if got := relationOf(len(l) > 0, len(r) > 0); got != want {
			return v, want, fmt.Sprintf("Differences imply %s, oracle %s", got, want)
		}
		for _, d := range l {
			if !(oAllows(a, d.Witness.Request) && !oAllows(b, d.Witness.Request)) {
				return v, want, fmt.Sprintf("left delta witness %+v not confirmed by the oracle", d.Witness)
			}
		}
		for _, d := range r {
			if !(oAllows(b, d.Witness.Request) && !oAllows(a, d.Witness.Request)) {
				return v, want, fmt.Sprintf("right delta witness %+v not confirmed by the oracle", d.Witness)
			}
		}
	}
	return v, want, ""
}

func relationOf(left, right bool) Relation {
	switch {
	case left && right:
		return BothWider
	case left:
		return LeftWider
	case right:
		return RightWider
	}
	return Equal
}
