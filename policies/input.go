package policies

import (
	"bytes"
	"encoding/json"
	"sort"
	"time"

	"github.com/parity-sec/parity/diff"
	"github.com/parity-sec/parity/diff/crossing"
	"github.com/parity-sec/parity/normalize"
)

// The input document every rule sees (README.md "Input contract"):
//
//	{
//	  "staging":    <env>,
//	  "production": <env>,
//	  "changes":    [{"action", "area", "kind", "resource", "path", "staging", "production"}, …],
//	  "drift":      {"<kind>": ["<key>", …], …},
//	  "verdicts":   {"<key>": {"<attr>": <verdict>}},
//	  "paths":      {"reach": […], "chains": […], "egress": […], "federation": […], "one_sided": […]},
//	  "now":        "2026-11-23T10:00:00Z",
//	  "params":     {"key_max_age_days": 90, "key_unused_days": 90}
//	}
//
// where <env> is
//
//	{
//	  "name": "staging", "account_id": "111111111111",
//	  "resources": {"<kind>/<region>/<name>": {"key", "kind", "area", "region", "name", "attrs", "info"}, …},
//	  "kinds":     {"<kind>": ["<key>", …], …},
//	  "ambiguous": [{"key", "kind", "candidates": [{"key", "name"}, …]}, …]
//	}
//
// "kinds" indexes resources by kind, keys sorted, so a rule visits only the
// kind it judges instead of scanning every resource; a rule finds a twin by
// looking its key up in the other environment's "resources". Attrs and Info
// are as normalize documents them (sets are arrays).
//
// "paths" are the paths between the environments that diff/crossing
// traced (README.md "Input contract" documents each entry's fields).
//
// "drift" lists, per kind and sorted, the keys that exist in one
// environment only or whose Attrs differ. A rule that compares twins
// iterates it instead of "kinds", so its cost follows the amount of drift,
// not the size of the accounts; a rule that judges one environment on its
// own (an access key's age) iterates "kinds".

// params are the tunables rules read from input.params.
type params struct {
	KeyMaxAgeDays int
	KeyUnusedDays int
}

// buildInput lays the pair out as plain maps and slices, which OPA
// converts as rules read them (envValue). The caller adds "paths"
// (TraceAsync), which it traces concurrently. The environments are laid out
// concurrently too.
func buildInput(st, pr *normalize.Environment, d *diff.Result, now time.Time, p params) map[string]any {
	prc := make(chan map[string]any, 1)
	go func() { prc <- envValue(pr) }()
	stv := envValue(st)
	changes := []any{}
	if d != nil {
		changes = make([]any, 0, len(d.Changes))
		for _, c := range d.Changes {
			m := map[string]any{
				"action": string(c.Action), "area": c.Area, "kind": c.Kind,
				"resource": c.Resource, "path": c.Path,
			}
			if c.Staging != nil {
				m["staging"] = plain(c.Staging)
			}
			if c.Production != nil {
				m["production"] = plain(c.Production)
			}
			changes = append(changes, m)
		}
	}
	return map[string]any{
		"staging":    stv,
		"production": <-prc,
		"changes":    changes,
		"drift":      driftIndex(d),
		"verdicts":   verdictsValue(d),
		"now":        now.UTC().Format(time.RFC3339),
		"params": map[string]any{
			"key_max_age_days": p.KeyMaxAgeDays,
			"key_unused_days":  p.KeyUnusedDays,
		},
	}
}

// TraceAsync starts tracing the paths between the environments
// (crossing.Trace) on a goroutine of its own, so a caller can diff or lay
// out the input meanwhile, and returns the function that waits for them.
// A panic while tracing is raised again by that function, on the caller's
// goroutine, rather than crashing the process.
func TraceAsync(st, pr *normalize.Environment) func() *crossing.Result {
	return async(func() *crossing.Result { return crossing.Trace(st, pr) })
}

// async runs trace on a goroutine of its own; the function it returns
// waits for the result and raises trace's panic, if any.
func async(trace func() *crossing.Result) func() *crossing.Result {
	type traced struct {
		paths    *crossing.Result
		panicked any
	}
	c := make(chan traced, 1)
	go func() {
		var t traced
		defer func() {
			if r := recover(); r != nil {
				t.panicked = r
			}
			c <- t
		}()
		t.paths = trace()
	}()
	return func() *crossing.Result {
		t := <-c
		if t.panicked != nil {
			panic(t.panicked)
		}
		return t.paths
	}
}

// envValue converts one environment: its resources as plain maps, keyed
// by canonical key. The engine hands the whole input to OPA as an
// ast.LazyObject (the form OPA gives its own stored data), so a value is
// converted to an OPA value only when a rule first reads it. Rules visit
// the drift and a few kinds, so most of the attrs and info of a large pair
// are never converted; converting them all was half of a run's CPU and
// most of its garbage.
func envValue(e *normalize.Environment) map[string]any {
	resources := make(map[string]any, len(e.Resources))
	byKind := map[string][]string{}
	// Kinds, areas and regions repeat: each is boxed once, not once per
	// resource (20k allocations on a large pair).
	boxed := map[string]any{}
	box := func(s string) any {
		b, ok := boxed[s]
		if !ok {
			b = s
			boxed[s] = b
		}
		return b
	}
	for key, r := range e.Resources {
		if r == nil {
			continue
		}
		resources[key] = map[string]any{
			"key": key, "kind": box(r.Kind), "area": box(r.Area), "region": box(r.Region), "name": r.Name,
			"attrs": orEmpty(r.Attrs), "info": orEmpty(r.Info),
		}
		// A twin's copy (normalize.Resource.TwinOf) is there to be found
		// by key; listing it would judge the twin twice.
		if r.TwinOf == "" {
			byKind[r.Kind] = append(byKind[r.Kind], key)
		}
	}
	kinds := make(map[string]any, len(byKind))
	for k, ks := range byKind {
		sort.Strings(ks)
		kinds[k] = ks
	}
	return map[string]any{
		"name": e.Name, "account_id": e.AccountID,
		"resources": resources, "kinds": kinds, "ambiguous": ambiguousValue(e.Ambiguous),
	}
}

// driftIndex groups by kind the keys the differ reported.
func driftIndex(d *diff.Result) map[string]any {
	seen := map[string]bool{}
	byKind := map[string][]string{}
	note := func(kind, key string) {
		if !seen[key] {
			seen[key] = true
			byKind[kind] = append(byKind[kind], key)
		}
	}
	for _, c := range d.Changes {
		note(c.Kind, c.Resource)
	}
	out := make(map[string]any, len(byKind))
	for k, keys := range byKind {
		sort.Strings(keys)
		out[k] = keys
	}
	return out
}

// verdictsValue converts the differ's semantic verdicts:
// {"<key>": {"<attr>": verdictValue}}.
func verdictsValue(d *diff.Result) map[string]any {
	out := map[string]any{}
	if d == nil {
		return out
	}
	for key, attrs := range d.Verdicts {
		m := make(map[string]any, len(attrs))
		for attr, v := range attrs {
			m[attr] = verdictValue(&v)
		}
		out[key] = m
	}
	return out
}

// ambiguousValue lists the keys several resources claimed, candidates in
// order of evidence (the first kept the key).
func ambiguousValue(as []normalize.Ambiguity) []any {
	out := make([]any, 0, len(as))
	for _, a := range as {
		cs := make([]any, 0, len(a.Candidates))
		for _, c := range a.Candidates {
			cs = append(cs, map[string]any{"key": c.Key, "name": c.Name})
		}
		out = append(out, map[string]any{"key": a.Key, "kind": a.Kind, "candidates": cs})
	}
	return out
}

func orEmpty(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

func plainMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = plain(v)
	}
	return out
}

// plain copies v into the types ast.InterfaceToValue converts directly.
// Anything else (a struct, a typed slice) goes through JSON, which is
// correct but slow; normalize promises JSON-like values, so that path is
// the exception.
func plain(v any) any {
	switch x := v.(type) {
	case nil, bool, string, int, int64, float64, json.Number:
		return x
	case int32:
		return int64(x)
	case uint32:
		return int64(x)
	case []string:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = s
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = plain(e)
		}
		return out
	case map[string]any:
		return plainMap(x)
	case map[string]string:
		out := make(map[string]any, len(x))
		for k, s := range x {
			out[k] = s
		}
		return out
	case map[string][]string:
		out := make(map[string]any, len(x))
		for k, s := range x {
			out[k] = plain(s)
		}
		return out
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	var out any
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if d.Decode(&out) != nil {
		return nil
	}
	return out
}
