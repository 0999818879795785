package diff

import (
	"encoding/json"
	"maps"
	"slices"
	"sort"

	"github.com/parity-sec/parity/collectors/snapshot"
	"github.com/parity-sec/parity/normalize"
)

// Compare pairs resources by canonical key and reports every difference in
// their Attrs. Lists in Attrs are sets (see normalize), so each element
// present on one side only is its own Change; maps recurse by key; scalars
// compare by value. Info is evidence and is never compared.
func Compare(staging, production *normalize.Environment) *Result {
	res := &Result{Paired: map[string]int{}, Total: map[string]int{}}
	for _, a := range snapshot.Areas {
		res.Paired[a], res.Total[a] = 0, 0
	}
	keys := unionKeys(staging, production)
	// Twins are judged by meaning on every core while this goroutine
	// compares the rest of their attributes structurally: the attributes
	// judged are known before the judgement (judged).
	judgedc := make(chan map[string]judgement, 1)
	go func() { judgedc <- judgeAll(staging, production, keys) }()
	structural := make(map[string][]Change)
	for _, key := range keys {
		s, p := staging.Resources[key], production.Resources[key]
		if s != nil && p != nil {
			c := comparer{area: s.Area, kind: s.Kind, key: key}
			c.attrs(s.Attrs, p.Attrs, func(attr string) bool { return judged(s, p, attr) })
			structural[key] = c.out
		}
	}
	judged := <-judgedc
	for _, key := range keys {
		s, p := staging.Resources[key], production.Resources[key]
		switch {
		case p == nil:
			res.Total[s.Area]++
			res.Changes = append(res.Changes, Change{Action: OnlyStaging, Area: s.Area, Kind: s.Kind, Resource: key})
		case s == nil:
			res.Total[p.Area]++
			res.Changes = append(res.Changes, Change{Action: OnlyProduction, Area: p.Area, Kind: p.Kind, Resource: key})
		default:
			res.Total[s.Area]++
			res.Paired[s.Area]++
			c := comparer{area: s.Area, kind: s.Kind, key: key}
			j := judged[key]
			for attr, v := range j.verdicts {
				c.record(attr, v)
			}
			for _, attr := range slices.Sorted(maps.Keys(j.notes)) {
				res.Approximated = append(res.Approximated, Approximation{Resource: key, Attribute: attr, Notes: j.notes[attr]})
			}
			res.Changes = append(res.Changes, c.out...)
			res.Changes = append(res.Changes, structural[key]...)
			if c.verdicts != nil {
				if res.Verdicts == nil {
					res.Verdicts = map[string]map[string]Verdict{}
				}
				res.Verdicts[key] = c.verdicts
			}
		}
	}
	Sort(res.Changes)
	return res
}

func unionKeys(a, b *normalize.Environment) []string {
	keys := make([]string, 0, len(a.Resources)+len(b.Resources)/8)
	for k := range a.Resources {
		keys = append(keys, k)
	}
	for k := range b.Resources {
		if _, ok := a.Resources[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

type comparer struct {
	area, kind, key string
	out             []Change
	verdicts        map[string]Verdict
}

func (c *comparer) emit(a Action, path string, s, p any) {
	c.out = append(c.out, Change{Action: a, Area: c.area, Kind: c.kind, Resource: c.key, Path: path, Staging: s, Production: p})
}

func (c *comparer) values(path string, s, p any) {
	switch sv := s.(type) {
	case map[string]any:
		pv, ok := p.(map[string]any)
		if !ok {
			c.emit(Changed, path, s, p)
			return
		}
		for _, k := range sortedUnion(sv, pv) {
			c.values(join(path, k), sv[k], pv[k])
		}
	case []any:
		pv, ok := p.([]any)
		if !ok {
			c.emit(Changed, path, s, p)
			return
		}
		c.sets(path, sv, pv)
	default:
		if !Equal(s, p) {
			c.emit(Changed, path, s, p)
		}
	}
}

// attrs compares two resources' attributes, less those skip names: the
// attributes judged by meaning, for which only a difference in meaning is
// a change.
func (c *comparer) attrs(s, p map[string]any, skip func(string) bool) {
	for _, k := range sortedUnion(s, p) {
		if !skip(k) {
			c.values(k, s[k], p[k])
		}
	}
}

func sortedUnion(s, p map[string]any) []string {
	keys := make([]string, 0, len(s)+len(p))
	for k := range s {
		keys = append(keys, k)
	}
	for k := range p {
		if _, ok := s[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// sets reports elements present on one side only. Equal sets (the common
// case) are detected without encoding a single element.
func (c *comparer) sets(path string, s, p []any) {
	if Equal(s, p) {
		return
	}
	sk := elementKeys(s)
	pk := elementKeys(p)
	for i, k := range sk.order {
		if _, ok := pk.index[k]; !ok {
			c.emit(OnlyStaging, path, s[i], nil)
		}
	}
	for i, k := range pk.order {
		if _, ok := sk.index[k]; !ok {
			c.emit(OnlyProduction, path, nil, p[i])
		}
	}
}

type keyed struct {
	order []string
	index map[string]int
}

func elementKeys(l []any) keyed {
	k := keyed{order: make([]string, len(l)), index: make(map[string]int, len(l))}
	for i, v := range l {
		s, ok := v.(string)
		if !ok {
			b, _ := json.Marshal(v) // canonical: map keys sorted
			s = string(b)
		}
		k.order[i] = s
		k.index[s] = i
	}
	return k
}

func join(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}
