package policies

import (
	"bytes"
	"encoding/json"
	"sort"
	"time"

	"github.com/parity-sec/parity/diff"
	"github.com/parity-sec/parity/normalize"
)

// The input document every rule sees (README.md "Input contract"):
//
//	{
//	  "staging":    <env>,
//	  "production": <env>,
//	  "changes":    [{"action", "area", "kind", "resource", "path", "staging", "production"}, …],
//	  "now":        "2026-11-23T10:00:00Z",
//	  "params":     {"key_max_age_days": 90, "key_unused_days": 90}
//	}
//
// where <env> is
//
//	{
//	  "name": "staging", "account_id": "111111111111",
//	  "resources": {"<kind>/<region>/<name>": {"key", "kind", "area", "region", "name", "attrs", "info"}, …},
//	  "kinds":     {"<kind>": ["<key>", …], …}
//	}
//
// "kinds" indexes resources by kind, keys sorted, so a rule visits only the
// kind it judges instead of scanning every resource; a rule finds a twin by
// looking its key up in the other environment's "resources". Attrs and Info
// are as normalize documents them (sets are arrays).

// params are the tunables rules read from input.params.
type params struct {
	KeyMaxAgeDays int
	KeyUnusedDays int
}

// buildInput converts the pair to plain maps and slices. It copies rather
// than marshals so ast.InterfaceToValue takes its fast path instead of a
// JSON round trip of every struct.
func buildInput(st, pr *normalize.Environment, d *diff.Result, now time.Time, p params) map[string]any {
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
		"staging":    envValue(st),
		"production": envValue(pr),
		"changes":    changes,
		"now":        now.UTC().Format(time.RFC3339),
		"params": map[string]any{
			"key_max_age_days": p.KeyMaxAgeDays,
			"key_unused_days":  p.KeyUnusedDays,
		},
	}
}

func envValue(e *normalize.Environment) map[string]any {
	resources := make(map[string]any, len(e.Resources))
	byKind := map[string][]string{}
	for key, r := range e.Resources {
		if r == nil {
			continue
		}
		resources[key] = map[string]any{
			"key": key, "kind": r.Kind, "area": r.Area, "region": r.Region, "name": r.Name,
			"attrs": plainMap(r.Attrs), "info": plainMap(r.Info),
		}
		byKind[r.Kind] = append(byKind[r.Kind], key)
	}
	kinds := make(map[string]any, len(byKind))
	for k, keys := range byKind {
		sort.Strings(keys)
		kinds[k] = keys
	}
	return map[string]any{
		"name": e.Name, "account_id": e.AccountID,
		"resources": resources, "kinds": kinds,
	}
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
