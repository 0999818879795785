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
	return left.deltas(limit), right.deltas(limit)
}

type grouper struct {
	sp     *space
	groups map[string]*group
	kbuf   []byte // a group's key, built for lookups without allocating
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

func newGrouper(sp *space) *grouper { return &grouper{sp: sp, groups: map[string]*group{}} }

func (g *grouper) add(c *cell, w *Witness) {
	ac := &g.sp.acts[c.ai]
	res := g.sp.resourceLabel(c.ri)
	suffix := "\x00" + res + "\x00" + strings.Join(w.Assumptions, "\x00")
	// A class's members come service by service: look each group up once.
	var lastSvc string
	var last *group
	get := func(svc string) *group {
		if last != nil && svc == lastSvc {
			return last
		}
		g.kbuf = append(append(g.kbuf[:0], svc...), suffix...)
		gr := g.groups[string(g.kbuf)]
		if gr == nil {
			ww := *w
			gr = &group{d: Delta{Service: svc, Resource: res, Conditions: w.Assumptions, Witness: ww}}
			g.groups[string(g.kbuf)] = gr
		}
		lastSvc, last = svc, gr
		return gr
	}
	if ac.symbolic {
		svc, _, _ := strings.Cut(ac.rep, ":")
		gr := get(svc)
		gr.sym = append(gr.sym, actName{strings.ToLower(ac.rep), ac.rep})
		return
	}
	for _, si := range ac.wholeSvcs {
		s := &g.sp.u.svcs[si]
		gr := get(s.prefix)
		gr.whole = true
		if gr.d.Witness.Request.Action != s.display[0] && !inService(gr.d.Witness.Request.Action, s.prefix) {
			gr.d.Witness.Request.Action = s.display[0]
		}
	}
	for _, m := range ac.members {
		s := &g.sp.u.svcs[m.svc]
		gr := get(s.prefix)
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
	if len(g.groups) == 0 {
		return nil // as before: callers may test for nil
	}
	// Sort the groups, not the Deltas: a Delta is large to swap. The key
	// (service, resource, conditions) is unique per group.
	grs := make([]*group, 0, len(g.groups))
	for _, gr := range g.groups {
		grs = append(grs, gr)
	}
	sort.Slice(grs, func(i, j int) bool {
		x, y := &grs[i].d, &grs[j].d
		if x.Service != y.Service {
			return x.Service < y.Service
		}
		if x.Resource != y.Resource {
			return x.Resource < y.Resource
		}
		return lessStrings(x.Conditions, y.Conditions)
	})
	if limit > 0 && len(grs) > limit {
		grs = grs[:limit]
	}
	out := make([]Delta, 0, len(grs))
	for _, gr := range grs {
		out = append(out, g.delta(gr))
	}
	return out
}

// delta is a group's Delta, with its actions sorted.
func (g *grouper) delta(gr *group) Delta {
	d := gr.d
	sym := sortedNames(gr.sym)
	si, known := g.sp.u.byPrefix[d.Service]
	if gr.whole || (known && gr.n+len(sym) == len(g.sp.u.svcs[si].lower)) {
		d.Actions = []string{"*"}
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
