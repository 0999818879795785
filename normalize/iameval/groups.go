package iameval

import (
	mathbits "math/bits"
	"strings"
)

// A statement ORs its list of patterns, so requests need only be told
// apart by which lists match them, not by which patterns: classes with the
// same list signature are merged. This keeps the number of cells near the
// number of statements, where per-pattern signatures can grow
// combinatorially (a list of nested API Gateway paths has thousands).

// groupIndex lists, per pattern, the groups whose list holds it, so that
// a signature's groups come from its set bits alone.
func groupIndex(groups [][]int) [][]int {
	n := 0
	for _, m := range groups {
		for _, p := range m {
			n = max(n, p+1)
		}
	}
	idx := make([][]int, n)
	for gi, m := range groups {
		for _, p := range m {
			idx[p] = append(idx[p], gi)
		}
	}
	return idx
}

// groupSig sets group gi when sig has a pattern of groups[gi]; idx is
// groupIndex(groups).
func groupSig(sig bits, ngroups int, idx [][]int) bits {
	g := newBits(ngroups)
	for wi, w := range sig {
		for w != 0 {
			p := wi<<6 | mathbits.TrailingZeros64(w)
			w &= w - 1
			if p < len(idx) {
				for _, gi := range idx[p] {
					g.set(gi)
				}
			}
		}
	}
	return g
}

func mergeClasses(cls []sigClass, groups [][]int) []sigClass {
	var out []sigClass
	seen := map[string]bool{}
	idx := groupIndex(groups)
	var kb []byte
	for _, c := range cls {
		c.gsig = groupSig(c.sig, len(groups), idx)
		if kb = c.gsig.appendKey(kb[:0]); !seen[string(kb)] {
			seen[string(kb)] = true
			out = append(out, c)
		}
	}
	return out
}

func mergeActions(cls []actionClass, groups [][]int) []actionClass {
	var out []actionClass
	index := map[string]int{}
	idx := groupIndex(groups)
	var kb []byte
	for _, c := range cls {
		c.gsig = groupSig(c.sig, len(groups), idx)
		kb = c.gsig.appendKey(kb[:0])
		i, ok := index[string(kb)]
		if !ok {
			index[string(kb)] = len(out)
			out = append(out, c)
			continue
		}
		o := &out[i]
		o.count += c.count
		o.members = append(o.members, c.members...)
		o.wholeSvcs = append(o.wholeSvcs, c.wholeSvcs...)
		if o.symbolic && !c.symbolic {
			o.rep, o.symbolic = c.rep, false
		}
	}
	return out
}

// exploreResources explores the resource patterns, less those another
// pattern of the same list already covers (the list's OR is unchanged), and
// merges the classes by list.
func (sp *space) exploreResources(list []string, groups [][]int) {
	gs := make([]glob, len(list))
	ms := make([]matcher, len(list)) // for matching witnesses, without the automaton
	for i, r := range list {
		gs[i] = compileGlob(r, modeResource)
		ms[i] = matcherFor(r, modeResource)
	}
	// A pattern is explored if some list needs it: it is not covered by
	// another pattern the list keeps.
	keep := make([]bool, len(list))
	for _, members := range groups {
		var kept []int
		for _, p := range members {
			covered := false
			for _, q := range kept {
				if covers(gs[q], gs[p], &ms[q], list[q], list[p]) {
					covered = true
					break
				}
			}
			if covered {
				continue
			}
			next := kept[:0:0]
			for _, q := range kept {
				if !covers(gs[p], gs[q], &ms[p], list[p], list[q]) {
					next = append(next, q)
				}
			}
			kept = append(next, p)
		}
		for _, p := range kept {
			keep[p] = true
		}
	}
	var sub []glob
	var subM []matcher
	var owner []int
	for i, k := range keep {
		if k {
			sub = append(sub, gs[i])
			subM = append(subM, ms[i])
			owner = append(owner, i)
		}
	}
	cls, exact := exploreComponents(sub, subM, subText(list, owner))
	if !exact {
		sp.notes["resource patterns too many to explore fully"] = true
	}
	for i := range cls {
		full := newBits(len(list))
		for j, o := range owner {
			if cls[i].sig.get(j) {
				full.set(o)
			}
		}
		// The label needs every pattern that matches, dropped ones too.
		for p := range list {
			if !keep[p] && ms[p].match(cls[i].witness) {
				full.set(p)
			}
		}
		cls[i].sig = full
	}
	sp.res = mergeClasses(cls, groups)
}

// covers reports whether every string p matches is matched by q (qm is
// q's matcher). A literal is tested directly; for two globs, a cheap filter
// on their literal prefixes comes before exploring the pair. Answering
// false when unsure is safe: a redundant pattern only costs time.
func covers(q, p glob, qm *matcher, qs, ps string) bool {
	if !p.hasWild() {
		return qm.match(ps)
	}
	lq, lp := literalPrefix(qs), literalPrefix(ps)
	if !strings.HasPrefix(lp, lq) {
		return false
	}
	cls, exact := exploreN([]glob{p, q}, 0, 2000)
	if !exact {
		return false
	}
	for _, c := range cls {
		if c.sig.get(0) && !c.sig.get(1) {
			return false
		}
	}
	return true
}

func literalPrefix(s string) string {
	if i := strings.IndexAny(s, "*?"); i >= 0 {
		return s[:i]
	}
	return s
}

func subText(list []string, owner []int) []string {
	out := make([]string, len(owner))
	for i, o := range owner {
		out[i] = list[o]
	}
	return out
}

// exploreComponents explores patterns in groups that can match a common
// string: two patterns whose literal prefixes (up to the first wildcard)
// are not prefixes of one another never match the same string. Patterns of
// only '*' match everything and are left out of the product. Every
// witness's signature is then recomputed over all patterns by matching.
//
// ms are the globs' matchers, for that matching.
func exploreComponents(gs []glob, ms []matcher, texts []string) ([]sigClass, bool) {
	n := len(gs)
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	allStar := make([]bool, n)
	lps := make([]string, n)
	for i, t := range texts {
		allStar[i] = strings.Trim(t, "*") == "" && t != ""
		lps[i] = literalPrefix(t)
	}
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			if allStar[i] || allStar[j] {
				continue
			}
			if strings.HasPrefix(lps[i], lps[j]) || strings.HasPrefix(lps[j], lps[i]) {
				parent[find(i)] = find(j)
			}
		}
	}
	comps := map[int][]int{}
	var roots []int
	for i := 0; i < n; i++ {
		if allStar[i] {
			continue
		}
		r := find(i)
		if comps[r] == nil {
			roots = append(roots, r)
		}
		comps[r] = append(comps[r], i)
	}
	exact := true
	cands := []string{"", "#"}
	for _, r := range roots {
		var sub []glob
		for _, i := range comps[r] {
			sub = append(sub, gs[i])
		}
		cls, ok := explore(sub, 0)
		exact = exact && ok
		for _, c := range cls {
			cands = append(cands, c.witness)
		}
	}
	var out []sigClass
	seen := map[string]bool{}
	for _, w := range cands {
		sig := newBits(n)
		for i := range ms {
			if ms[i].match(w) {
				sig.set(i)
			}
		}
		if k := sig.key(); !seen[k] {
			seen[k] = true
			out = append(out, sigClass{witness: w, sig: sig})
		}
	}
	return out, exact
}
