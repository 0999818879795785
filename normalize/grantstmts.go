package normalize

import (
	"fmt"

	"github.com/parity-sec/parity/normalize/iameval"
)

// StatementsFromGrants turns canonical grants (as Attrs hold them, and as
// Rego rules pass them to parity.iam built-ins) back into evaluator
// statements. Grants never split a negated list, so this is exact: the
// statements allow what the grants' source documents allow.
func StatementsFromGrants(v any) ([]iameval.Statement, error) {
	list, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("grants: want a list of grant objects, got %s", jsonKind(v))
	}
	out := make([]iameval.Statement, 0, len(list))
	for i, e := range list {
		g, ok := e.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("grant %d: want an object", i)
		}
		st := iameval.Statement{
			Effect:       str(g["effect"]),
			NotPrincipal: g["not_principal"] == true,
			NotAction:    g["not_action"] == true,
			NotResource:  g["not_resource"] == true,
		}
		if st.Effect != "Allow" && st.Effect != "Deny" {
			return nil, fmt.Errorf("grant %d: effect %q is not Allow or Deny", i, st.Effect)
		}
		var err error
		if st.Principals, err = axisList(g["principal"]); err != nil {
			return nil, fmt.Errorf("grant %d: principal: %w", i, err)
		}
		if st.Actions, err = axisList(g["action"]); err != nil {
			return nil, fmt.Errorf("grant %d: action: %w", i, err)
		}
		if st.Resources, err = axisList(g["resource"]); err != nil {
			return nil, fmt.Errorf("grant %d: resource: %w", i, err)
		}
		if len(st.Resources) == 0 && !st.NotResource {
			st.Resources = []string{"*"}
		}
		if c, ok := g["condition"].(map[string]any); ok && len(c) > 0 {
			st.Condition = map[string]map[string][]string{}
			for op, keys := range c {
				km, ok := keys.(map[string]any)
				if !ok {
					return nil, fmt.Errorf("grant %d: condition %s: want an object", i, op)
				}
				st.Condition[op] = map[string][]string{}
				for k, vals := range km {
					l, err := axisList(vals)
					if err != nil {
						return nil, fmt.Errorf("grant %d: condition %s %s: %w", i, op, k, err)
					}
					st.Condition[op][k] = l
				}
			}
		}
		out = append(out, st)
	}
	return out, nil
}

// axisList reads a grant element: "" (absent), a string, or a list.
func axisList(v any) ([]string, error) {
	switch t := v.(type) {
	case nil:
		return nil, nil
	case string:
		if t == "" {
			return nil, nil
		}
		return []string{t}, nil
	case []any:
		out := make([]string, 0, len(t))
		for _, e := range t {
			s, ok := e.(string)
			if !ok {
				return nil, fmt.Errorf("want strings, got %s", jsonKind(e))
			}
			out = append(out, s)
		}
		return out, nil
	}
	return nil, fmt.Errorf("want a string or a list of strings, got %s", jsonKind(v))
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// jsonKind names a decoded JSON value's kind the way a Rego author sees
// it, for errors: never a Go type name.
func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case string:
		return "a string"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return "a number"
}
