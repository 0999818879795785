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
}

type group struct {
	d       Delta
	actions map[string]bool
	whole   bool
}

func newGrouper(sp *space) *grouper { return &grouper{sp: sp, groups: map[string]*group{}} }

func (g *grouper) add(c *cell, w *Witness) {
	ac := &g.sp.acts[c.ai]
	res := g.sp.resourceLabel(c.ri)
	get := func(svc string) *group {
		k := svc + "\x00" + res + "\x00" + strings.Join(w.Assumptions, "\x00")
		gr := g.groups[k]
		if gr == nil {
			ww := *w
			gr = &group{d: Delta{Service: svc, Resource: res, Conditions: w.Assumptions, Witness: ww}, actions: map[string]bool{}}
			g.groups[k] = gr
		}
		return gr
	}
	if ac.symbolic {
		svc, _, _ := strings.Cut(ac.rep, ":")
		get(svc).actions[ac.rep] = true
		return
	}
	for _, si := range ac.wholeSvcs {
		s := &g.sp.u.svcs[si]
		gr := get(s.prefix)
		gr.whole = true
		if gr.d.Witness.Request.Action != s.display[0] && !strings.HasPrefix(gr.d.Witness.Request.Action, s.prefix+":") {
			gr.d.Witness.Request.Action = s.display[0]
		}
	}
	for _, m := range ac.members {
		s := &g.sp.u.svcs[m.svc]
		gr := get(s.prefix)
		name := s.display[m.act]
		gr.actions[name] = true
		if !strings.HasPrefix(gr.d.Witness.Request.Action, s.prefix+":") {
			gr.d.Witness.Request.Action = name
		}
	}
}

func (g *grouper) deltas(limit int) []Delta {
	var out []Delta
	for _, gr := range g.groups {
		d := gr.d
		si, known := g.sp.u.byPrefix[d.Service]
		if gr.whole || (known && len(gr.actions) == len(g.sp.u.svcs[si].lower)) {
			d.Actions = []string{"*"}
		} else {
			for a := range gr.actions {
				d.Actions = append(d.Actions, a)
			}
			sort.Slice(d.Actions, func(i, j int) bool { return strings.ToLower(d.Actions[i]) < strings.ToLower(d.Actions[j]) })
		}
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool {
		x, y := out[i], out[j]
		if x.Service != y.Service {
			return x.Service < y.Service
		}
		if x.Resource != y.Resource {
			return x.Resource < y.Resource
		}
		return strings.Join(x.Conditions, "\x00") < strings.Join(y.Conditions, "\x00")
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}

// resourceLabel names a resource class by the most specific pattern that
// covers it (the longest, then the first in order).
func (sp *space) resourceLabel(ri int) string {
	best := ""
	for p, i := range sp.resPats {
		if sp.res[ri].sig.get(i) && (len(p) > len(best) || (len(p) == len(best) && p < best)) {
			best = p
		}
	}
	if best == "" {
		return "*"
	}
	return best
}
