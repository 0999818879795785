package netsem

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

var (
	pairsFlag = flag.Int("netsem.pairs", 0, "pairs per class for the differential test (default: a short run)")
	seedFlag  = flag.Uint64("netsem.seed", 0, "seed for the differential test (default: the time)")
)

// side is one generated configuration: the rules it came from, how the
// oracle evaluates a packet against them, and the Set built from them.
type side struct {
	rules  any
	oracle func(Packet) bool
	set    Set
}

func sgSide(t *testing.T, rs []SGRule) side {
	s, err := FromSG(rs)
	if err != nil {
		t.Fatalf("FromSG(%+v): %v", rs, err)
	}
	return side{rules: rs, oracle: func(p Packet) bool { return oracleSG(rs, p) }, set: s}
}

func aclSide(t *testing.T, es []ACLEntry) side {
	s, err := FromACL(es)
	if err != nil {
		t.Fatalf("FromACL(%+v): %v", es, err)
	}
	return side{rules: es, oracle: oracleACL(es), set: s}
}

// pairClass generates one pair from a per-pair seeded generator and says
// whether its rewrite must keep the meaning.
type pairClass struct {
	name      string
	preserves bool
	make      func(t *testing.T, g gen) (l, r side, what string)
}

var pairClasses = []pairClass{
	{"sg rewrite", true, func(t *testing.T, g gen) (side, side, string) {
		a := g.sgRules()
		b, what := g.rewriteSG(a)
		for k := g.r.IntN(3); k > 0; k-- {
			var w string
			b, w = g.rewriteSG(b)
			what += ", " + w
		}
		return swap(g, sgSide(t, a), sgSide(t, b), what)
	}},
	{"sg change", false, func(t *testing.T, g gen) (side, side, string) {
		a := g.sgRules()
		b, what := g.changeSG(a)
		return swap(g, sgSide(t, a), sgSide(t, b), what)
	}},
	{"acl rewrite", true, func(t *testing.T, g gen) (side, side, string) {
		a := g.aclEntries()
		b, what := g.rewriteACL(a)
		for k := g.r.IntN(3); k > 0; k-- {
			var w string
			b, w = g.rewriteACL(b)
			what += ", " + w
		}
		return swap(g, aclSide(t, g.number(a)), aclSide(t, g.number(b)), what)
	}},
	{"acl change", false, func(t *testing.T, g gen) (side, side, string) {
		a := g.aclEntries()
		b, what := g.changeACL(a)
		return swap(g, aclSide(t, g.number(a)), aclSide(t, g.number(b)), what)
	}},
}

// swap puts the rewritten side left half of the time, so a split is also
// tested as a merge and a change in both directions.
func swap(g gen, a, b side, what string) (side, side, string) {
	if g.r.IntN(2) == 0 {
		return b, a, what + " (swapped)"
	}
	return a, b, what
}

// TestDifferential checks Set, Compare, Minus, Union, Intersect and
// Tuples against the oracle over the finite universe on random pairs.
// Run the long version with -netsem.pairs=1000; a failure prints the seed
// to rerun it with -netsem.seed.
func TestDifferential(t *testing.T) {
	pairs := *pairsFlag
	if pairs == 0 {
		pairs = 40
		if testing.Short() {
			pairs = 10
		}
	}
	seed := *seedFlag
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	universe := samplePackets()
	for ci, pc := range pairClasses {
		t.Run(strings.ReplaceAll(pc.name, " ", "_"), func(t *testing.T) {
			relations := map[Relation]int{}
			for i := 0; i < pairs; i++ {
				g := gen{r: rand.New(rand.NewPCG(seed, uint64(ci)<<32|uint64(i)))}
				l, r, what := pc.make(t, g)
				if msg := checkPair(universe, l, r, pc.preserves); msg != "" {
					t.Fatal(truncate("seed %d, pair %d (%s): %s\nleft:  %+v\nright: %+v\nrerun: go test ./normalize/netsem -run 'TestDifferential/%s' -netsem.seed=%d",
						seed, i, what, msg, l.rules, r.rules, strings.ReplaceAll(pc.name, " ", "_"), seed))
				}
				relations[Compare(l.set, r.set).Relation]++
			}
			t.Logf("%d pairs, %d packets each, verdicts %v (seed %d)", pairs, len(universe), relations, seed)
		})
	}
}

// truncate keeps failure output readable when a pair has 256 rules.
func truncate(format string, args ...any) string {
	s := fmt.Sprintf(format, args...)
	if len(s) > 4000 {
		s = s[:2000] + " … " + s[len(s)-2000:]
	}
	return s
}

// checkPair returns what is wrong with the package's answers for one
// pair, or "".
func checkPair(universe []Packet, l, r side, preserves bool) string {
	lOnly, rOnly := false, false
	minus, union, inter := l.set.Minus(r.set), l.set.Union(r.set), l.set.Intersect(r.set)
	for _, p := range universe {
		ol, or := l.oracle(p), r.oracle(p)
		if got := l.set.Admits(p); got != ol {
			return fmt.Sprintf("left Admits(%v) = %v, oracle %v", p, got, ol)
		}
		if got := r.set.Admits(p); got != or {
			return fmt.Sprintf("right Admits(%v) = %v, oracle %v", p, got, or)
		}
		if got := minus.Admits(p); got != (ol && !or) {
			return fmt.Sprintf("Minus admits %v = %v, oracle %v", p, got, ol && !or)
		}
		if got := union.Admits(p); got != (ol || or) {
			return fmt.Sprintf("Union admits %v = %v, oracle %v", p, got, ol || or)
		}
		if got := inter.Admits(p); got != (ol && or) {
			return fmt.Sprintf("Intersect admits %v = %v, oracle %v", p, got, ol && or)
		}
		lOnly = lOnly || (ol && !or)
		rOnly = rOnly || (or && !ol)
	}
	want := map[[2]bool]Relation{{false, false}: Equal, {true, false}: LeftWider, {false, true}: RightWider, {true, true}: BothWider}[[2]bool{lOnly, rOnly}]
	if preserves && want != Equal {
		return "generator bug: a meaning-preserving rewrite changed the meaning"
	}
	v := Compare(l.set, r.set)
	if v.Relation != want {
		return fmt.Sprintf("Compare = %s, oracle %s", v.Relation, want)
	}
	if (v.LeftOnly != nil) != lOnly || (v.RightOnly != nil) != rOnly {
		return fmt.Sprintf("witnesses %v %v do not fit %s", v.LeftOnly, v.RightOnly, want)
	}
	if w := v.LeftOnly; w != nil && !(l.oracle(*w) && !r.oracle(*w)) {
		return fmt.Sprintf("left witness %v not confirmed by the oracle", w)
	}
	if w := v.RightOnly; w != nil && !(r.oracle(*w) && !l.oracle(*w)) {
		return fmt.Sprintf("right witness %v not confirmed by the oracle", w)
	}
	if lt, rt := l.set.Tuples(), r.set.Tuples(); (want == Equal) != reflect.DeepEqual(lt, rt) {
		return fmt.Sprintf("tuples equal = %v for %s:\n%v\n%v", reflect.DeepEqual(lt, rt), want, lt, rt)
	}
	for _, s := range []side{l, r} {
		back, err := FromSG(tupleRules(s.set.Tuples()))
		if err != nil || !back.Equal(s.set) {
			return fmt.Sprintf("tuples do not rebuild the set (%v): %v", err, s.set.Tuples())
		}
	}
	return ""
}

// tupleRules turns tuples back into security-group rules, to check that
// the rendering is exact.
func tupleRules(ts []Tuple) []SGRule {
	var out []SGRule
	for _, t := range ts {
		r := SGRule{FromPort: t.FromPort, ToPort: t.ToPort}
		if strings.HasPrefix(t.Source, "sg:") || strings.HasPrefix(t.Source, "pl:") {
			r.Peer = t.Source
		} else {
			r.CIDR = t.Source
		}
		if t.Protocol == "icmp" || t.Protocol == "icmpv6" {
			for typ := t.ICMPType; typ <= t.ICMPTypeTo; typ++ {
				for code := t.ICMPCode; code <= t.ICMPCodeTo; code++ {
					r.Protocol, r.FromPort, r.ToPort = t.Protocol, typ, code
					out = append(out, r)
				}
			}
			continue
		}
		lo, hi, ok := strings.Cut(t.Protocol, "-")
		if !ok || t.Protocol == "all" {
			r.Protocol = t.Protocol
			out = append(out, r)
			continue
		}
		a, _ := strconv.Atoi(lo)
		b, _ := strconv.Atoi(hi)
		for p := a; p <= b; p++ {
			r.Protocol = strconv.Itoa(p)
			out = append(out, r)
		}
	}
	return out
}
