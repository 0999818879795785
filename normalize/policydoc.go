package normalize

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Statement is one parsed IAM policy statement with every scalar-or-list
// field already widened to a list. It is the untrusted-input boundary for
// policy documents: ParseDocument accepts anything IAM accepts and rejects,
// with a one-line reason, what IAM would reject.
type Statement struct {
	Effect       string
	Principals   []string // "AWS:arn…", "Service:…", "Federated:…", "CanonicalUser:…" or "*"
	NotPrincipal bool
	Actions      []string
	NotAction    bool
	Resources    []string
	NotResource  bool
	Condition    map[string]map[string][]string // operator -> key -> values, all lower-cased but values
}

// rawStatement receives one statement. encoding/json matches field names
// case-insensitively, which is what IAM does, and decoding into a struct is
// several times faster than into maps: documents are the bulk of a snapshot.
type rawStatement struct {
	Effect       json.RawMessage
	Principal    json.RawMessage
	NotPrincipal json.RawMessage
	Action       json.RawMessage
	NotAction    json.RawMessage
	Resource     json.RawMessage
	NotResource  json.RawMessage
	Condition    json.RawMessage
}

// ParseDocument parses a policy document (compact JSON, as snapshot.Document holds it).
func ParseDocument(doc string) ([]Statement, error) { return parseDocument(doc, nil) }

// parseDocument is ParseDocument lowering actions through l.
func parseDocument(doc string, l lowered) ([]Statement, error) {
	if strings.TrimSpace(doc) == "" {
		return nil, nil
	}
	if st, ok := parseFastWith(doc, l); ok {
		return st, nil
	}
	return parseCareful(doc)
}

// parseCareful parses element by element from raw bytes, so that what is
// wrong with a document is named.
func parseCareful(doc string) ([]Statement, error) {
	var raw struct{ Statement json.RawMessage }
	if err := json.Unmarshal([]byte(doc), &raw); err != nil {
		return nil, fmt.Errorf("not a JSON object: %v", err)
	}
	if !present(raw.Statement) {
		return nil, errors.New("no Statement")
	}
	var list []rawStatement
	switch t := bytes.TrimSpace(raw.Statement); t[0] {
	case '[':
		if err := json.Unmarshal(t, &list); err != nil {
			return nil, fmt.Errorf("Statement: want objects: %v", err)
		}
	case '{':
		var one rawStatement
		if err := json.Unmarshal(t, &one); err != nil {
			return nil, fmt.Errorf("Statement: %v", err)
		}
		list = append(list, one)
	default:
		return nil, errors.New("Statement: want an object or a list of objects")
	}
	out := make([]Statement, 0, len(list))
	for i := range list {
		st, err := parseStatement(&list[i])
		if err != nil {
			return nil, fmt.Errorf("statement %d: %w", i+1, err)
		}
		out = append(out, st)
	}
	return out, nil
}

func parseStatement(m *rawStatement) (Statement, error) {
	var st Statement
	var effect string
	if !present(m.Effect) || json.Unmarshal(m.Effect, &effect) != nil {
		//lint:ignore ST1005 the message starts with the IAM element it names, spelt as IAM spells it
		return st, errors.New("Effect missing or not a string")
	}
	var ok bool
	if st.Effect, ok = canonicalEffect(effect); !ok {
		//lint:ignore ST1005 the message starts with the IAM element it names, spelt as IAM spells it
		return st, fmt.Errorf("Effect %q is not Allow or Deny", effect)
	}
	var err error
	if st.Actions, st.NotAction, err = pickList(m.Action, m.NotAction, "Action"); err != nil {
		return st, err
	}
	if len(st.Actions) == 0 {
		return st, errors.New("no Action or NotAction")
	}
	for i, a := range st.Actions {
		st.Actions[i] = strings.ToLower(a)
	}
	if st.Resources, st.NotResource, err = pickList(m.Resource, m.NotResource, "Resource"); err != nil {
		return st, err
	}
	if st.Principals, st.NotPrincipal, err = pickPrincipal(m.Principal, m.NotPrincipal); err != nil {
		return st, err
	}
	if present(m.Condition) {
		if st.Condition, err = parseCondition(m.Condition); err != nil {
			//lint:ignore ST1005 the message starts with the IAM element it names, spelt as IAM spells it
			return st, fmt.Errorf("Condition: %w", err)
		}
	}
	return st, nil
}

// canonicalEffect spells an Effect as IAM compares it, case-insensitively.
func canonicalEffect(e string) (string, bool) {
	switch e { // as nearly every document spells them, without lowering
	case "Allow", "Deny":
		return e, true
	}
	switch strings.ToLower(e) {
	case "allow":
		return "Allow", true
	case "deny":
		return "Deny", true
	}
	return "", false
}

// present: the field was given and is not null.
func present(raw json.RawMessage) bool { return len(raw) > 0 && !isNull(raw) }

func pickList(p, n json.RawMessage, name string) ([]string, bool, error) {
	hasP, hasN := present(p), present(n)
	switch {
	case hasP && hasN:
		return nil, false, fmt.Errorf("both %s and Not%s", name, name)
	case hasN:
		l, err := stringOrList(n)
		if err != nil {
			//lint:ignore ST1005 the message starts with the IAM element it names, spelt as IAM spells it
			return nil, false, fmt.Errorf("Not%s: %w", name, err)
		}
		return l, true, nil
	case hasP:
		l, err := stringOrList(p)
		if err != nil {
			return nil, false, fmt.Errorf("%s: %w", name, err)
		}
		return l, false, nil
	}
	return nil, false, nil
}

func pickPrincipal(p, n json.RawMessage) ([]string, bool, error) {
	hasP, hasN := present(p), present(n)
	switch {
	case hasP && hasN:
		return nil, false, errors.New("both Principal and NotPrincipal")
	case hasN:
		l, err := parsePrincipal(n)
		return l, true, err
	case hasP:
		l, err := parsePrincipal(p)
		return l, false, err
	}
	return nil, false, nil
}

// parsePrincipal flattens "*", {"AWS": "*"} and {"Type": id-or-list} into
// "Type:id" strings; {"AWS":"*"} is the same as "*".
func parsePrincipal(raw json.RawMessage) ([]string, error) {
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		if s != "*" {
			//lint:ignore ST1005 the message starts with the IAM element it names, spelt as IAM spells it
			return nil, fmt.Errorf("Principal %q: want \"*\" or an object", s)
		}
		return []string{"*"}, nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		//lint:ignore ST1005 the message starts with the IAM element it names, spelt as IAM spells it
		return nil, errors.New("Principal: want \"*\" or an object")
	}
	var out []string
	for typ, v := range m {
		ids, err := stringOrList(v)
		if err != nil {
			//lint:ignore ST1005 the message starts with the IAM element it names, spelt as IAM spells it
			return nil, fmt.Errorf("Principal %s: %w", typ, err)
		}
		out = appendPrincipals(out, canonicalPrincipalType(typ), ids)
	}
	sort.Strings(out)
	return out, nil
}

// appendPrincipals spells ids of one principal type as "Type:id".
func appendPrincipals(out []string, typ string, ids []string) []string {
	for _, id := range ids {
		id = strings.TrimSpace(id)
		switch {
		case typ == "AWS" && id == "*":
			out = append(out, "*")
		case typ == "AWS" && len(id) == 12 && allDigits(id):
			out = append(out, "AWS:arn:aws:iam::"+id+":root")
		case typ == "Service":
			out = append(out, "Service:"+strings.ToLower(id))
		default:
			out = append(out, typ+":"+id)
		}
	}
	return out
}

func canonicalPrincipalType(t string) string {
	switch strings.ToLower(t) {
	case "aws":
		return "AWS"
	case "service":
		return "Service"
	case "federated":
		return "Federated"
	case "canonicaluser":
		return "CanonicalUser"
	}
	return t
}

func parseCondition(raw json.RawMessage) (map[string]map[string][]string, error) {
	var ops map[string]map[string]json.RawMessage
	if err := json.Unmarshal(raw, &ops); err != nil {
		return nil, errors.New("want {operator: {key: value}}")
	}
	out := make(map[string]map[string][]string, len(ops))
	for op, keys := range ops {
		lop := strings.ToLower(op)
		if out[lop] == nil {
			out[lop] = map[string][]string{}
		}
		for k, v := range keys {
			vals, err := scalarOrList(v)
			if err != nil {
				return nil, fmt.Errorf("%s %s: %w", op, k, err)
			}
			lk := strings.ToLower(k)
			out[lop][lk] = append(out[lop][lk], vals...)
		}
	}
	return out, nil
}

// stringOrList reads "x" or ["x","y"].
func stringOrList(raw json.RawMessage) ([]string, error) {
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return []string{s}, nil
	}
	var l []string
	if err := json.Unmarshal(raw, &l); err != nil {
		return nil, errors.New("want a string or a list of strings")
	}
	return l, nil
}

// scalarOrList reads condition values, which IAM also accepts as numbers
// and booleans; they compare as their text.
func scalarOrList(raw json.RawMessage) ([]string, error) {
	var v any
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	one := func(x any) (string, error) {
		if s, ok := scalarText(x); ok {
			return s, nil
		}
		return "", errors.New("want strings, numbers or booleans")
	}
	if l, ok := v.([]any); ok {
		out := make([]string, 0, len(l))
		for _, x := range l {
			s, err := one(x)
			if err != nil {
				return nil, err
			}
			out = append(out, s)
		}
		return out, nil
	}
	s, err := one(v)
	if err != nil {
		return nil, err
	}
	return []string{s}, nil
}

// scalarText is a condition value's text: strings, numbers (decoded with
// UseNumber) and booleans.
func scalarText(x any) (string, bool) {
	switch t := x.(type) {
	case string:
		return t, true
	case json.Number:
		return t.String(), true
	case bool:
		if t {
			return "true", true
		}
		return "false", true
	}
	return "", false
}

func isNull(raw json.RawMessage) bool { return string(bytes.TrimSpace(raw)) == "null" }
