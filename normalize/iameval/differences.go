package iameval

import (
	"sort"
	"strings"
)

// Delta is one readable group of requests one side allows and the other
// does not: actions of one service on one class of resources under one set
// of context facts.
type Delta struct {
	Service    string
	Actions    []string // sorted full names; ["*"] when the group is the whole service
	Resource   string   // the most specific pattern of the comparison that covers the resources, "*" when none does
	Conditions []string // the context facts the group needs, as in Witness.Assumptions
	Witness    Witness
}

// Differences lists, per direction, what one side allows and the other
// does not, grouped by service, then resource, then context facts: at most
// limit groups per side (limit <= 0: all), in a deterministic order.
func Differences(a, b Identity, limit int) (leftOnly, rightOnly []Delta) {
	leftOnly, rightOnly, _ = DifferencesNoted(a, b, limit)
	return leftOnly, rightOnly
}

// DifferencesNoted is Differences with what the comparison approximated
// (Verdict.Approximations): where there are notes, a group may be missing,
// so no differences does not prove equal meaning; each group found still
// carries a witness request.
func DifferencesNoted(a, b Identity, limit int) (leftOnly, rightOnly []Delta, approximations []string) {
	sa, sb := side{a.Policies, a.Boundary}, side{b.Policies, b.Boundary}
	sp := newSpace([]*Policy{a.Policies, a.Boundary, b.Policies, b.Boundary}, false, true, Scope{})
	left, right := newGrouper(sp), newGrouper(sp)
	sp.cells(func(c *cell) bool {
		if w := c.find(sa, sb); w != nil {
			left.add(c, w)
		}
		if w := c.find(sb, sa); w != nil {
			right.add(c, w)
		}
		return true
	})
	return left.deltas(limit), right.deltas(limit), sp.approximations()
}

// grouper collects a direction's requests by group key: service + "\x00"
// + resource label + "\x00" + the assumptions joined by "\x00". The key
// is held split at its first NUL, (head, tail): for a service without NUL
// that is (service, the rest), so one add looks its rest up once and each
// service by index. Split keys are equal exactly when the joined ones are.
type grouper struct {
	sp      *space
	buckets map[string]*bucket // by tail
	n       int                // groups
	pool    []group            // groups are allocated in chunks
}

// bucket holds the groups of one tail: catalog services by index, other
// heads by name.
type bucket struct {
	bySvc []*group
	other map[string]*group
	first *group // deltas' sort key for the bucket
}

type group struct {
	d       Delta
	members bits      // catalog actions of the group's service, by index
	n       int       // distinct actions: members and symbolic
	sym     []actName // symbolic actions, with repeats: deltas sorts and dedupes
	whole   bool
}

// actName is an action's display name with its lower-case form, the sort
// key: computed once per action, not in every comparison.
type actName struct{ lower, display string }

func newGrouper(sp *space) *grouper { return &grouper{sp: sp, buckets: map[string]*bucket{}} }

func (g *grouper) bucket(tail string) *bucket {
	b := g.buckets[tail]
	if b == nil {
		b = &bucket{}
		g.buckets[tail] = b
	}
	return b
}

func (g *grouper) add(c *cell, w *Witness) {
	ac := &g.sp.acts[c.ai]
	res := g.sp.resourceLabel(c.ri)
	suffix := "\x00" + res + "\x00" + strings.Join(w.Assumptions, "\x00")
	var own *bucket // the bucket of suffix
	newGroup := func(svc string) *group {
		g.n++
		if len(g.pool) == cap(g.pool) {
			g.pool = make([]group, 0, min(max(4, 2*cap(g.pool)), 256))
		}
		g.pool = append(g.pool, group{d: Delta{Service: svc, Resource: res, Conditions: w.Assumptions, Witness: *w}})
		return &g.pool[len(g.pool)-1]
	}
	get := func(svc string) *group {
		head, b := svc, own
		if j := strings.IndexByte(svc, 0); j >= 0 {
			head, b = svc[:j], g.bucket(svc[j:]+suffix)
		} else if b == nil {
			own = g.bucket(suffix)
			b = own
		}
		if si, ok := g.sp.u.byPrefix[head]; ok {
			if b.bySvc == nil {
				b.bySvc = make([]*group, len(g.sp.u.svcs))
			}
			if b.bySvc[si] == nil {
				b.bySvc[si] = newGroup(svc)
			}
			return b.bySvc[si]
		}
		if b.other == nil {
			b.other = map[string]*group{}
		}
		gr := b.other[head]
		if gr == nil {
			gr = newGroup(svc)
			b.other[head] = gr
		}
		return gr
	}
	// Catalog services by index, without the map.
	getSvc := func(si int) *group {
		if own == nil {
			own = g.bucket(suffix)
		}
		if own.bySvc == nil {
			own.bySvc = make([]*group, len(g.sp.u.svcs))
		}
		if own.bySvc[si] == nil {
			own.bySvc[si] = newGroup(g.sp.u.svcs[si].prefix)
		}
		return own.bySvc[si]
	}
	if ac.symbolic {
		svc, _, _ := strings.Cut(ac.rep, ":")
		gr := get(svc)
		gr.sym = append(gr.sym, actName{strings.ToLower(ac.rep), ac.rep})
		return
	}
	for _, si := range ac.wholeSvcs {
		s := &g.sp.u.svcs[si]
		gr := getSvc(si)
		gr.whole = true
		if gr.d.Witness.Request.Action != s.display[0] && !inService(gr.d.Witness.Request.Action, s.prefix) {
			gr.d.Witness.Request.Action = s.display[0]
		}
	}
	for _, m := range ac.members {
		s := &g.sp.u.svcs[m.svc]
		gr := getSvc(int(m.svc))
		name := s.display[m.act]
		if gr.members == nil {
			gr.members = newBits(len(s.lower))
		}
		if !gr.members.get(int(m.act)) {
			gr.members.set(int(m.act))
			gr.n++
		}
		if !inService(gr.d.Witness.Request.Action, s.prefix) {
			gr.d.Witness.Request.Action = name
		}
	}
}

// sortedNames sorts by lower-case, then display name, and drops repeats.
func sortedNames(as []actName) []actName {
	if len(as) < 2 {
		return as
	}
	sort.Slice(as, func(i, j int) bool {
		if as[i].lower != as[j].lower {
			return as[i].lower < as[j].lower
		}
		return as[i].display < as[j].display
	})
	n := 0
	for i := range as {
		if i == 0 || as[i].display != as[n-1].display {
			as[n] = as[i]
			n++
		}
	}
	return as[:n]
}

// inService is strings.HasPrefix(action, prefix+":") without building
// the string.
func inService(action, prefix string) bool {
	return len(action) > len(prefix) && action[len(prefix)] == ':' && action[:len(prefix)] == prefix
}

func (g *grouper) deltas(limit int) []Delta {
	if g.n == 0 {
		return nil // as before: callers may test for nil
	}
	// Sort the groups, not the Deltas: a Delta is large to swap. The key
	// (service, resource, conditions) is unique per group.
	less := func(x, y *Delta) bool {
		if x.Service != y.Service {
			return x.Service < y.Service
		}
		if x.Resource != y.Resource {
			return x.Resource < y.Resource
		}
		return lessStrings(x.Conditions, y.Conditions)
	}
	// Gather in nearly sorted order, service index by service index (the
	// catalog's prefixes are sorted) over buckets sorted by their first
	// group, then sort only if that is not sorted already.
	bs := make([]*bucket, 0, len(g.buckets))
	for _, b := range g.buckets {
		b.first = nil
		for _, gr := range b.bySvc {
			if gr != nil {
				b.first = gr
				break
			}
		}
		bs = append(bs, b)
	}
	sort.Slice(bs, func(i, j int) bool {
		x, y := bs[i].first, bs[j].first
		if x == nil || y == nil {
			return x != nil
		}
		if x.d.Resource != y.d.Resource {
			return x.d.Resource < y.d.Resource
		}
		return lessStrings(x.d.Conditions, y.d.Conditions)
	})
	grs := make([]*group, 0, g.n)
	for si := range g.sp.u.svcs {
		for _, b := range bs {
			if b.bySvc != nil && b.bySvc[si] != nil {
				grs = append(grs, b.bySvc[si])
			}
		}
	}
	for _, b := range bs {
		for _, gr := range b.other {
			grs = append(grs, gr)
		}
	}
	if !sort.SliceIsSorted(grs, func(i, j int) bool { return less(&grs[i].d, &grs[j].d) }) {
		sort.Slice(grs, func(i, j int) bool { return less(&grs[i].d, &grs[j].d) })
	}
	if limit > 0 && len(grs) > limit {
		grs = grs[:limit]
	}
	out := make([]Delta, 0, len(grs))
	// One backing array for the Actions of whole services; each Delta's
	// slice is capped, so appending to one never writes into another.
	stars := make([]string, len(grs))
	for i, gr := range grs {
		d := g.delta(gr)
		if d.Actions == nil {
			stars[i] = "*"
			d.Actions = stars[i : i+1 : i+1]
		}
		out = append(out, d)
	}
	return out
}

// delta is a group's Delta, with its actions sorted; Actions is nil when
// the group is the whole service (deltas sets ["*"]).
func (g *grouper) delta(gr *group) Delta {
	d := gr.d
	sym := sortedNames(gr.sym)
	si, known := g.sp.u.byPrefix[d.Service]
	if gr.whole || (known && gr.n+len(sym) == len(g.sp.u.svcs[si].lower)) {
		return d
	}
	d.Actions = make([]string, 0, gr.n+len(sym))
	if gr.members != nil {
		// Members are only ever added to their own service's group.
		s := &g.sp.u.svcs[si]
		for _, ai := range s.order {
			if !gr.members.get(int(ai)) {
				continue
			}
			// Merge in the symbolic names, by (lower, display); s.lower
			// is the display name lower-cased (the prefix is already).
			for len(sym) > 0 && (sym[0].lower < s.lower[ai] || sym[0].lower == s.lower[ai] && sym[0].display < s.display[ai]) {
				d.Actions = append(d.Actions, sym[0].display)
				sym = sym[1:]
			}
			d.Actions = append(d.Actions, s.display[ai])
		}
	}
	for _, a := range sym {
		d.Actions = append(d.Actions, a.display)
	}
	return d
}

// lessStrings is strings.Join(x, "\x00") < strings.Join(y, "\x00"),
// joining only when the first differing elements do not settle it (one
// is a prefix of the other).
func lessStrings(x, y []string) bool {
	for i := 0; i < len(x) && i < len(y); i++ {
		if a, b := x[i], y[i]; a != b {
			for k := 0; k < len(a) && k < len(b); k++ {
				if a[k] != b[k] {
					return a[k] < b[k]
				}
			}
			return strings.Join(x, "\x00") < strings.Join(y, "\x00")
		}
	}
	return len(x) < len(y)
}

// resourceLabel names a resource class by the most specific pattern that
// covers it (the longest, then the first in order).
func (sp *space) resourceLabel(ri int) string {
	if sp.resLabels == nil {
		sp.resLabels = make([]string, len(sp.res))
	}
	if l := sp.resLabels[ri]; l != "" {
		return l
	}
	best := ""
	for p, i := range sp.resPats {
		if sp.res[ri].sig.get(i) && (len(p) > len(best) || (len(p) == len(best) && p < best)) {
			best = p
		}
	}
	if best == "" {
		best = "*"
	}
	sp.resLabels[ri] = best
	return best
}
