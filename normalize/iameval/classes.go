package iameval

import (
	"encoding/binary"
	"strings"
)

// actionClass is a set of actions that every action pattern of a
// comparison treats alike: the same patterns match all of them.
type actionClass struct {
	rep       string // an action of the class, as AWS spells it
	sig       bits   // over the comparison's action patterns
	gsig      bits   // over the statements' action lists
	count     int
	members   []actRef // filled on request (Differences)
	wholeSvcs []int    // services all of whose actions are in the class
	symbolic  bool     // an action absent from the catalog, kept as written
}

type actRef struct{ svc, act int32 }

// classify partitions catalog ∪ symbolic actions by which patterns match.
// Only services some non-universal pattern names are scanned, action by
// action; every other service falls in one class without being expanded.
//
// inScope, when not nil, keeps only the services it accepts.
func (u *universe) classify(pats []string, withMembers bool, inScope func(string) bool) []actionClass {
	aps := make([]actionPattern, len(pats))
	bySvc := map[int][]int{}
	universal := newBits(len(pats))
	hits := make([]bool, len(pats))
	for i, p := range pats {
		aps[i] = newActionPattern(p)
		if aps[i].universal {
			universal.set(i)
			hits[i] = u.total > 0
			continue
		}
		for _, si := range u.servicesFor(&aps[i]) {
			bySvc[si] = append(bySvc[si], i)
		}
	}
	var out []actionClass
	index := map[string]int{}
	var kbuf []byte
	last := -1 // the class of the previous add: runs of actions share one
	add := func(sig bits, rep string, ref actRef, whole int, symbolic bool) {
		ci := last
		if ci < 0 || !equalWords(out[ci].sig, sig) {
			kbuf = kbuf[:0]
			for _, w := range sig {
				kbuf = binary.LittleEndian.AppendUint64(kbuf, w)
			}
			var ok bool
			ci, ok = index[string(kbuf)] // no allocation for a lookup
			if !ok {
				ci = len(out)
				index[string(kbuf)] = ci
				out = append(out, actionClass{rep: rep, sig: append(bits(nil), sig...), symbolic: symbolic})
			}
			last = ci
		}
		c := &out[ci]
		switch {
		case whole >= 0:
			c.count += len(u.svcs[whole].lower)
			if withMembers {
				c.wholeSvcs = append(c.wholeSvcs, whole)
			}
		default:
			c.count++
			if withMembers && !symbolic {
				c.members = append(c.members, ref)
			}
		}
	}
	for si := range u.svcs {
		s := &u.svcs[si]
		if inScope != nil && !inScope(s.prefix) {
			continue
		}
		rel := bySvc[si]
		if len(rel) == 0 {
			if len(s.lower) > 0 {
				add(universal, s.display[0], actRef{}, si, false)
			}
			continue
		}
		var wild []int
		lits := map[int][]int{}
		for _, pi := range rel {
			if aps[pi].lit {
				if ai, ok := s.index[aps[pi].text]; ok {
					lits[ai] = append(lits[ai], pi)
					hits[pi] = true
				}
				continue
			}
			wild = append(wild, pi)
		}
		anyPrefix := false
		for _, pi := range wild {
			anyPrefix = anyPrefix || aps[pi].prefixOnly
		}
		sig := newBits(len(pats))
		for ai, a := range s.lower {
			copy(sig, universal)
			// A pattern whose one wildcard is a final '*' matches a name
			// exactly when the name starts with the rest.
			for _, pi := range wild {
				if ap := &aps[pi]; anyPrefix && ap.prefixOnly {
					if strings.HasPrefix(a, ap.text[:len(ap.text)-1]) {
						sig.set(pi)
						hits[pi] = true
					}
				} else if wildMatch(ap.text, a) {
					sig.set(pi)
					hits[pi] = true
				}
			}
			for _, pi := range lits[ai] {
				sig.set(pi)
			}
			add(sig, s.display[ai], actRef{int32(si), int32(ai)}, -1, false)
		}
	}
	// Patterns that match nothing in the catalog become actions of their
	// own, compared as written.
	for i, p := range pats {
		if hits[i] {
			continue
		}
		if svc, _, _ := strings.Cut(p, ":"); inScope != nil && !inScope(svc) {
			continue
		}
		sig := newBits(len(pats))
		for j := range aps {
			if wildMatch(aps[j].text, p) {
				sig.set(j)
			}
		}
		add(sig, p, actRef{}, -1, true)
	}
	return out
}
