package iameval

import (
	"encoding/binary"
	"fmt"
	"math"
	"net/netip"
	"sort"
	"strconv"
	"time"
)

// space is the finite abstraction of the request space for one
// comparison: classes of actions, resources, principals and, per context
// key, of values. Two requests in the same classes are decided alike by
// every statement involved, so searching one representative per class is
// exact.
type space struct {
	u            *universe
	actPats      map[string]int
	acts         []actionClass
	resPats      map[string]int
	res          []sigClass
	resLabels    []string // resourceLabel's answers, by class
	usePrincipal bool
	prinPats     map[string]int
	prins        []sigClass // sig over prinPats
	keys         map[string]*keySpace
	idx          map[*stmt]*stmtIdx
	notes        map[string]bool // where the abstraction is not exact
	memo         map[string]*memoEntry
	lists        [4][]*stmt // find's buffers for applicable statements
	mkey         []byte     // find's buffer for memo keys
}

// stmtIdx places a statement in the space: its patterns, and the group
// (the statement's whole list, which it ORs) each dimension is decided by.
type stmtIdx struct {
	id                      int // the statement's number in the space
	acts, res, prins        []int
	prinStar                bool
	actGrp, resGrp, prinGrp int
}

type keySpace struct {
	name    string
	clauses map[*clause]int
	set     bool     // multi-valued: some clause uses ForAnyValue/ForAllValues
	vals    []string // one value per class
	opts    [][]int  // each option: the value classes present (nil: absent)
	truth   [][]bool // [option][clause]
}

// maxSetClasses bounds the subsets enumerated for a multi-valued key.
const maxSetClasses = 8

func newSpace(pols []*Policy, usePrincipal, withMembers bool, scope Scope) *space {
	return newSpaceOn(pols, usePrincipal, withMembers, scope, nil)
}

// newSpaceOn builds a space; with resources it takes those concrete
// resources as the only resource classes instead of exploring.
func newSpaceOn(pols []*Policy, usePrincipal, withMembers bool, scope Scope, resources []string) *space {
	sp := &space{
		actPats: map[string]int{}, resPats: map[string]int{}, prinPats: map[string]int{},
		keys: map[string]*keySpace{}, idx: map[*stmt]*stmtIdx{}, usePrincipal: usePrincipal,
		notes: map[string]bool{}, memo: map[string]*memoEntry{},
	}
	var actList, resList, prinList []string
	var actGroups, resGroups, prinGroups [][]int
	groupIDs := map[string]int{}
	var kbuf []byte
	group := func(kind string, groups *[][]int, members []int) int {
		m := append([]int(nil), members...)
		sort.Ints(m)
		kbuf = append(kbuf[:0], kind...)
		for _, x := range m {
			kbuf = binary.AppendUvarint(kbuf, uint64(x))
		}
		g, ok := groupIDs[string(kbuf)]
		if !ok {
			g = len(*groups)
			groupIDs[string(kbuf)] = g
			*groups = append(*groups, m)
		}
		return g
	}
	intern := func(m map[string]int, list *[]string, s string) int {
		i, ok := m[s]
		if !ok {
			i = len(*list)
			m[s] = i
			*list = append(*list, s)
		}
		return i
	}
	nextID := 0
	for _, p := range pols {
		if p == nil {
			continue
		}
		if sp.u == nil {
			sp.u = p.cat
		}
		for _, s := range p.stmts {
			ix := &stmtIdx{id: nextID} // a counter: a policy may come twice
			nextID++
			for _, a := range s.actions {
				ix.acts = append(ix.acts, intern(sp.actPats, &actList, a))
			}
			for _, r := range s.resources {
				ix.res = append(ix.res, intern(sp.resPats, &resList, r))
			}
			for _, pr := range s.prins {
				if pr == "*" {
					ix.prinStar = true
					continue
				}
				ix.prins = append(ix.prins, intern(sp.prinPats, &prinList, pr))
			}
			ix.actGrp = group("a", &actGroups, ix.acts)
			ix.resGrp = group("r", &resGroups, ix.res)
			ix.prinGrp = group("p", &prinGroups, ix.prins)
			sp.idx[s] = ix
			for _, c := range s.clauses {
				k := sp.keys[c.key]
				if k == nil {
					k = &keySpace{name: c.key, clauses: map[*clause]int{}}
					sp.keys[c.key] = k
				}
				if _, ok := k.clauses[c]; !ok {
					k.clauses[c] = len(k.clauses)
				}
				k.set = k.set || c.qual != qNone
			}
		}
	}
	if sp.u == nil {
		sp.u = universeOf(DefaultCatalog())
	}
	sp.acts = mergeActions(sp.u.classify(actList, withMembers, scope.filter()), actGroups)
	if resources == nil {
		sp.exploreResources(resList, resGroups)
	} else {
		for _, r := range resources {
			sig := newBits(len(resList))
			for i, p := range resList {
				if compileGlob(p, modeResource).match(r) {
					sig.set(i)
				}
			}
			sp.res = append(sp.res, sigClass{witness: r, sig: sig})
		}
		sp.res = mergeClasses(sp.res, resGroups)
	}
	if usePrincipal {
		sp.explorePrincipals(prinList)
		sp.prins = mergeClasses(sp.prins, prinGroups)
	} else {
		sp.prins = []sigClass{{sig: newBits(0), gsig: newBits(len(prinGroups))}}
	}
	return sp
}

func (sp *space) explorePrincipals(list []string) {
	var gs []glob
	var owner []int
	for i, p := range list {
		for _, g := range principalGlobs(p) {
			gs = append(gs, g)
			owner = append(owner, i)
		}
	}
	cls, exact := explore(gs, 1)
	if !exact {
		sp.notes["principals too many to explore fully"] = true
	}
	seen := map[string]bool{}
	for _, c := range cls {
		sig := newBits(len(list))
		for gi := range gs {
			if c.sig.get(gi) {
				sig.set(owner[gi])
			}
		}
		if !seen[sig.key()] {
			seen[sig.key()] = true
			sp.prins = append(sp.prins, sigClass{witness: c.witness, sig: sig})
		}
	}
}

// buildKey finds one value per class of values the key's clauses tell
// apart, and the options a request may take for the key.
func (sp *space) key(name string) *keySpace {
	k := sp.keys[name]
	if k.opts == nil {
		sp.buildKey(k)
	}
	return k
}

func (sp *space) buildKey(k *keySpace) {
	clauses := make([]*clause, len(k.clauses))
	for c, i := range k.clauses {
		clauses[i] = c
	}
	var gs []glob
	cands := map[string]bool{}
	for _, c := range clauses {
		gs = append(gs, c.globs...)
		for _, v := range c.values {
			cands[v] = true
		}
		switch {
		case c.base == "unknown":
			cands["true"] = true
		case c.base == "ipaddress":
			ipCandidates(c.values, cands)
		case len(c.base) > 7 && c.base[:7] == "numeric":
			numCandidates(c.values, cands, func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) })
		case len(c.base) > 4 && c.base[:4] == "date":
			numCandidates(datesOf(c.values), cands, func(f float64) string {
				return time.Unix(int64(math.Floor(f)), 0).UTC().Format(time.RFC3339)
			})
		}
	}
	// Literal values need no exploration: they and one fresh value
	// realise every signature.
	wild := false
	for _, g := range gs {
		wild = wild || g.hasWild()
	}
	if wild {
		cls, exact := explore(gs, 0)
		if !exact {
			sp.notes["condition values of "+k.name+" too many to explore fully"] = true
		}
		for _, c := range cls {
			cands[c.witness] = true
		}
	}
	cands["#"] = true
	sorted := make([]string, 0, len(cands))
	for v := range cands {
		sorted = append(sorted, v)
	}
	sort.Slice(sorted, func(i, j int) bool {
		if len(sorted[i]) != len(sorted[j]) {
			return len(sorted[i]) < len(sorted[j])
		}
		return sorted[i] < sorted[j]
	})
	var sigs [][]bool
	seen := map[string]bool{}
	for _, v := range sorted {
		sig := make([]bool, len(clauses))
		key := make([]byte, len(clauses))
		for i, c := range clauses {
			sig[i] = c.test(v)
			if sig[i] {
				key[i] = 1
			}
		}
		if seen[string(key)] {
			continue
		}
		seen[string(key)] = true
		k.vals = append(k.vals, v)
		sigs = append(sigs, sig)
	}
	k.opts = [][]int{nil}
	switch {
	case !k.set:
		for i := range k.vals {
			k.opts = append(k.opts, []int{i})
		}
	case len(k.vals) <= maxSetClasses:
		for m := 1; m < 1<<len(k.vals); m++ {
			var o []int
			for i := range k.vals {
				if m&(1<<i) != 0 {
					o = append(o, i)
				}
			}
			k.opts = append(k.opts, o)
		}
	default:
		sp.notes[fmt.Sprintf("multi-valued key %s: only sets of one or two of its %d value classes are tried", k.name, len(k.vals))] = true
		for i := range k.vals {
			k.opts = append(k.opts, []int{i})
			for j := i + 1; j < len(k.vals); j++ {
				k.opts = append(k.opts, []int{i, j})
			}
		}
	}
	k.truth = make([][]bool, len(k.opts))
	for oi, o := range k.opts {
		k.truth[oi] = make([]bool, len(clauses))
		for ci, c := range clauses {
			k.truth[oi][ci] = c.evalWith(o != nil, len(o), func(i int) bool { return sigs[o[i]][ci] })
		}
	}
}

func datesOf(vals []string) []string {
	var out []string
	for _, v := range vals {
		if f, ok := parseDate(v); ok {
			out = append(out, strconv.FormatFloat(f, 'f', -1, 64))
		}
	}
	return out
}

// numCandidates adds each constant, one either side of it, and the
// midpoints between neighbours: every region of the real line the
// comparisons cut out gets a value.
func numCandidates(vals []string, cands map[string]bool, format func(float64) string) {
	var fs []float64
	for _, v := range vals {
		if f, err := strconv.ParseFloat(v, 64); err == nil {
			fs = append(fs, f)
		}
	}
	sort.Float64s(fs)
	for i, f := range fs {
		cands[format(f)] = true
		cands[format(f-1)] = true
		cands[format(f+1)] = true
		if i > 0 && fs[i-1] != f {
			cands[format((fs[i-1]+f)/2)] = true
		}
	}
}

// ipCandidates adds each range's first and last address and the addresses
// just outside, for IPv4 and IPv6 alike.
func ipCandidates(vals []string, cands map[string]bool) {
	cands["192.0.2.1"] = true
	cands["2001:db8::1"] = true
	for _, v := range vals {
		p, ok := parsePrefix(v)
		if !ok {
			continue
		}
		first := p.Addr()
		last := lastAddr(p)
		cands[first.String()] = true
		cands[last.String()] = true
		if prev := first.Prev(); prev.IsValid() {
			cands[prev.String()] = true
		}
		if next := last.Next(); next.IsValid() {
			cands[next.String()] = true
		}
	}
}

func lastAddr(p netip.Prefix) netip.Addr {
	b := p.Addr().AsSlice()
	for i := p.Bits(); i < len(b)*8; i++ {
		b[i/8] |= 1 << (7 - uint(i%8))
	}
	a, _ := netip.AddrFromSlice(b)
	return a
}
