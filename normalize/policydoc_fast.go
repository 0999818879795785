package normalize

import (
	"encoding/json"
	"io"
	"sort"
	"strings"
)

// fastDocument is the shape of a valid policy document decoded in one
// pass: each element is decoded to a plain value (string, list, object)
// where ParseDocument's careful path unmarshals it again and again from raw
// bytes to name what is wrong. Documents are the bulk of a snapshot, and
// nearly all are valid.
type fastDocument struct {
	Statement any
}

// parseFast parses a document that is valid, and says ok=false for any
// document it would have to reject or that it is unsure of, so the careful
// path parses it again and words the error. On a valid document both paths
// give the same statements; FuzzParseDocument holds them to that.
func parseFast(doc string) ([]Statement, bool) { return parseFastWith(doc, nil) }

// lowered memoizes strings.ToLower of actions for one builder: actions
// repeat across documents, and most are spelt in camel case. nil lowers
// without a memo.
type lowered map[string]string

func (l lowered) lower(s string) string {
	if l == nil {
		return strings.ToLower(s)
	}
	if r, ok := l[s]; ok {
		return r
	}
	r := strings.ToLower(s)
	l[s] = r
	return r
}

// parseFastWith is parseFast lowering actions through l.
func parseFastWith(doc string, l lowered) ([]Statement, bool) {
	// Most documents hold no number: Unmarshal, which needs no decoder
	// and its buffer, reads them. A number decodes to a float64 there,
	// which no element accepts (scalarText takes json.Number only), so a
	// document with one is read again keeping numbers as text.
	var top fastDocument
	if json.Unmarshal([]byte(doc), &top) == nil {
		if st, ok := fastStatements(top, l); ok {
			return st, true
		}
	}
	d := json.NewDecoder(strings.NewReader(doc))
	d.UseNumber() // condition values keep their text
	top = fastDocument{}
	if err := d.Decode(&top); err != nil {
		return nil, false
	}
	if _, err := d.Token(); err != io.EOF {
		return nil, false // trailing data: the careful path rejects it
	}
	return fastStatements(top, l)
}

// fastStatements reads the statements of a decoded document.
func fastStatements(top fastDocument, l lowered) ([]Statement, bool) {
	var list []any
	switch t := top.Statement.(type) {
	case []any:
		list = t
	case map[string]any:
		list = []any{t}
	default:
		return nil, false
	}
	out := make([]Statement, 0, len(list))
	for _, x := range list {
		m, ok := x.(map[string]any)
		if !ok {
			return nil, false
		}
		st, ok := fastStatementOf(m, l)
		if !ok {
			return nil, false
		}
		out = append(out, st)
	}
	return out, true
}

// The elements rawStatement decodes, in statementElements' order.
const (
	eEffect = iota
	ePrincipal
	eNotPrincipal
	eAction
	eNotAction
	eResource
	eNotResource
	eCondition
	nElements
)

var statementElements = [nElements]string{"Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"}

// elements picks a statement's elements out of its decoded object the way
// encoding/json fills rawStatement: names match case-insensitively
// (strings.EqualFold is the folding encoding/json documents). Two keys for
// one element (they differ in case) would be decided by their order, which
// a map has lost: ok=false leaves those to the careful path.
func elements(m map[string]any) ([nElements]any, bool) {
	var out [nElements]any
	var seen [nElements]bool
	for k, v := range m {
		for i, name := range statementElements {
			if strings.EqualFold(k, name) {
				if seen[i] {
					return out, false
				}
				seen[i] = true
				out[i] = v
			}
		}
	}
	return out, true
}

func fastStatementOf(raw map[string]any, l lowered) (Statement, bool) {
	var st Statement
	m, ok := elements(raw)
	if !ok {
		return st, false
	}
	effect, ok := m[eEffect].(string)
	if !ok {
		return st, false
	}
	if st.Effect, ok = canonicalEffect(effect); !ok {
		return st, false
	}
	if st.Actions, st.NotAction, ok = fastPick(m[eAction], m[eNotAction]); !ok || len(st.Actions) == 0 {
		return st, false
	}
	for i, a := range st.Actions {
		st.Actions[i] = l.lower(a)
	}
	if st.Resources, st.NotResource, ok = fastPick(m[eResource], m[eNotResource]); !ok {
		return st, false
	}
	p, n := m[ePrincipal], m[eNotPrincipal]
	switch {
	case p != nil && n != nil:
		return st, false
	case n != nil:
		st.NotPrincipal = true
		st.Principals, ok = fastPrincipal(n)
	case p != nil:
		st.Principals, ok = fastPrincipal(p)
	}
	if !ok {
		return st, false
	}
	if c := m[eCondition]; c != nil {
		if st.Condition, ok = fastCondition(c); !ok {
			return st, false
		}
	}
	return st, true
}

// fastPick is pickList on decoded values: nil is absent (JSON null too).
func fastPick(p, n any) ([]string, bool, bool) {
	switch {
	case p != nil && n != nil:
		return nil, false, false
	case n != nil:
		l, ok := fastStrings(n)
		return l, true, ok
	case p != nil:
		l, ok := fastStrings(p)
		return l, false, ok
	}
	return nil, false, true
}

// fastStrings reads "x" or ["x","y"]; a list element must be a string.
func fastStrings(v any) ([]string, bool) {
	switch t := v.(type) {
	case string:
		return []string{t}, true
	case []any:
		out := make([]string, len(t))
		for i, x := range t {
			s, ok := x.(string)
			if !ok {
				return nil, false
			}
			out[i] = s
		}
		return out, true
	}
	return nil, false
}

func fastPrincipal(v any) ([]string, bool) {
	if s, ok := v.(string); ok {
		return []string{"*"}, s == "*"
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, false
	}
	var out []string
	for typ, raw := range m {
		if raw == nil {
			return nil, false // the careful path decides what a null id list is
		}
		ids, ok := fastStrings(raw)
		if !ok {
			return nil, false
		}
		out = appendPrincipals(out, canonicalPrincipalType(typ), ids)
	}
	sort.Strings(out)
	return out, true
}

func fastCondition(v any) (map[string]map[string][]string, bool) {
	ops, ok := v.(map[string]any)
	if !ok {
		return nil, false
	}
	out := make(map[string]map[string][]string, len(ops))
	for op, kv := range ops {
		keys, ok := kv.(map[string]any)
		if !ok {
			return nil, false
		}
		lop := strings.ToLower(op)
		if out[lop] == nil {
			out[lop] = map[string][]string{}
		}
		for k, raw := range keys {
			vals, ok := fastScalars(raw)
			if !ok {
				return nil, false
			}
			lk := strings.ToLower(k)
			out[lop][lk] = append(out[lop][lk], vals...)
		}
	}
	return out, true
}

// fastScalars is scalarOrList on a decoded value.
func fastScalars(v any) ([]string, bool) {
	if l, ok := v.([]any); ok {
		out := make([]string, 0, len(l))
		for _, x := range l {
			s, ok := scalarText(x)
			if !ok {
				return nil, false
			}
			out = append(out, s)
		}
		return out, true
	}
	s, ok := scalarText(v)
	if !ok {
		return nil, false
	}
	return []string{s}, true
}
