package policies

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/parity-sec/parity/diff"
	"github.com/parity-sec/parity/normalize"
)

// The input document every rule sees (README.md "Input contract"):
//
//	{
//	  "staging":    <env>,
//	  "production": <env>,
//	  "changes":    [{"action", "area", "kind", "resource", "path", "staging", "production"}, …],
//	  "drift":      {"<kind>": ["<key>", …], …},
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

// buildInput converts the pair to plain maps and slices (and the resources,
// the bulk, straight to an OPA object), never marshalling structs, so
// ast.InterfaceToValue takes its fast path instead of a JSON round trip.
func buildInput(st, pr *normalize.Environment, d *diff.Result, now time.Time, p params) (map[string]any, error) {
	stv, shared, err := envValue(st, nil, nil)
	if err != nil {
		return nil, fmt.Errorf("staging: %w", err)
	}
	prv, _, err := envValue(pr, st, shared)
	if err != nil {
		return nil, fmt.Errorf("production: %w", err)
	}
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
		"production": prv,
		"changes":    changes,
		"drift":      driftIndex(st, pr, d),
		"now":        now.UTC().Format(time.RFC3339),
		"params": map[string]any{
			"key_max_age_days": p.KeyMaxAgeDays,
			"key_unused_days":  p.KeyUnusedDays,
		},
	}, nil
}

// envValue converts one environment. With twin and shared set (the
// production side), a resource whose Attrs deeply equal its twin's reuses
// the twin's converted attrs: most twins are equal, and sharing halves the
// largest cost of a run on a large account.
func envValue(e, twin *normalize.Environment, shared map[string]ast.Value) (map[string]any, map[string]ast.Value, error) {
	keys := make([]string, 0, len(e.Resources))
	byKind := map[string][]string{}
	for key, r := range e.Resources {
		if r != nil {
			keys = append(keys, key)
			// A twin's copy (normalize.Resource.TwinOf) is there to be
			// found by key; listing it would judge the twin twice.
			if r.TwinOf == "" {
				byKind[r.Kind] = append(byKind[r.Kind], key)
			}
		}
	}
	sort.Strings(keys)
	kinds := make(map[string]any, len(byKind))
	for k, ks := range byKind {
		sort.Strings(ks)
		kinds[k] = ks
	}
	resources, attrs, err := resourcesValue(e, keys, twin, shared)
	if err != nil {
		return nil, nil, err
	}
	return map[string]any{
		"name": e.Name, "account_id": e.AccountID,
		"resources": resources, "kinds": kinds, "ambiguous": ambiguousValue(e.Ambiguous),
	}, attrs, nil
}

// resourcesValue converts the resources to one OPA object, splitting the
// work across GOMAXPROCS goroutines (conversion allocates one term per JSON
// value). ast.InterfaceToValue embeds the result as is. It returns the
// converted attrs by key for the twin environment to share.
func resourcesValue(e *normalize.Environment, keys []string, twin *normalize.Environment, shared map[string]ast.Value) (ast.Value, map[string]ast.Value, error) {
	vals := make([]ast.Value, len(keys))
	attrs := make([]ast.Value, len(keys))
	workers := min(runtime.GOMAXPROCS(0), len(keys)/1000+1)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(keys); i += workers {
				r := e.Resources[keys[i]]
				av := shared[keys[i]]
				if av != nil {
					if t := twin.Resources[keys[i]]; t == nil || !diff.Equal(r.Attrs, t.Attrs) {
						av = nil
					}
				}
				var err error
				if av == nil {
					// normalize promises JSON-like values, which
					// InterfaceToValue converts without a JSON round trip.
					if av, err = ast.InterfaceToValue(orEmpty(r.Attrs)); err != nil {
						errs[w] = fmt.Errorf("resource %s: %w", keys[i], err)
						return
					}
				}
				iv, err := ast.InterfaceToValue(orEmpty(r.Info))
				if err != nil {
					errs[w] = fmt.Errorf("resource %s: %w", keys[i], err)
					return
				}
				attrs[i] = av
				vals[i] = ast.NewObject(
					[2]*ast.Term{ast.InternedTerm("key"), ast.StringTerm(keys[i])},
					[2]*ast.Term{ast.InternedTerm("kind"), ast.StringTerm(r.Kind)},
					[2]*ast.Term{ast.InternedTerm("area"), ast.StringTerm(r.Area)},
					[2]*ast.Term{ast.InternedTerm("region"), ast.StringTerm(r.Region)},
					[2]*ast.Term{ast.InternedTerm("name"), ast.StringTerm(r.Name)},
					[2]*ast.Term{ast.InternedTerm("attrs"), ast.NewTerm(av)},
					[2]*ast.Term{ast.InternedTerm("info"), ast.NewTerm(iv)},
				)
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	tuples := make([][2]*ast.Term, len(keys))
	byKey := make(map[string]ast.Value, len(keys))
	for i, k := range keys {
		tuples[i] = [2]*ast.Term{ast.StringTerm(k), ast.NewTerm(vals[i])}
		byKey[k] = attrs[i]
	}
	return ast.NewObject(tuples...), byKey, nil
}

// driftIndex groups by kind the keys the differ reported, or, without a
// diff, the keys whose Attrs are not deeply equal.
func driftIndex(st, pr *normalize.Environment, d *diff.Result) map[string]any {
	seen := map[string]bool{}
	byKind := map[string][]string{}
	note := func(kind, key string) {
		if !seen[key] {
			seen[key] = true
			byKind[kind] = append(byKind[kind], key)
		}
	}
	if d != nil {
		for _, c := range d.Changes {
			note(c.Kind, c.Resource)
		}
	} else {
		for _, pair := range [][2]*normalize.Environment{{st, pr}, {pr, st}} {
			for key, r := range pair[0].Resources {
				if o := pair[1].Resources[key]; r != nil && (o == nil || !diff.Equal(r.Attrs, o.Attrs)) {
					note(r.Kind, key)
				}
			}
		}
	}
	out := make(map[string]any, len(byKind))
	for k, keys := range byKind {
		sort.Strings(keys)
		out[k] = keys
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
