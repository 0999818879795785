package reports

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// absent marks a value that does not exist on one side.
const absent = "—"

// compactValue renders a canonical value (see normalize's package doc) on
// one line for tables: grants and network rules read as sentences, other
// maps as sorted key: value pairs. path gives context, e.g. an egress rule
// reads "to" where an ingress rule reads "from".
func compactValue(path string, v any) string {
	switch x := v.(type) {
	case nil:
		return absent
	case string:
		if x == "" {
			return `""`
		}
		return x
	case bool:
		return strconv.FormatBool(x)
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case json.Number:
		return x.String()
	case []string:
		return "[" + strings.Join(x, ", ") + "]"
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = compactValue(path, e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]string:
		m := make(map[string]any, len(x))
		for k, s := range x {
			m[k] = s
		}
		return compactMap(path, m)
	case map[string]any:
		return compactMap(path, x)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

func compactMap(path string, m map[string]any) string {
	switch {
	case has(m, "effect", "action"):
		return compactGrant(m)
	case has(m, "order", "cidr", "protocol"):
		return fmt.Sprintf("#%s %s %s %s", compactValue("", m["order"]), str(m["action"]), ports(m), compactValue("", m["cidr"]))
	case has(m, "protocol", "source"):
		dir := "from"
		if strings.HasPrefix(path, "egress") {
			dir = "to"
		}
		return ports(m) + " " + dir + " " + compactValue("", m["source"])
	case has(m, "destination", "filter_pattern"):
		return fmt.Sprintf("to %s (pattern %q)", str(m["destination"]), str(m["filter_pattern"]))
	}
	keys := sortedKeys(m)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ": " + compactValue(path, m[k])
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// compactGrant reads a grant as "Allow s3:getobject on arn:… (principal …,
// condition …)"; the negated forms say NOT so they cannot be misread.
func compactGrant(m map[string]any) string {
	var b strings.Builder
	b.WriteString(str(m["effect"]))
	b.WriteString(" ")
	if truthy(m["not_action"]) {
		b.WriteString("NOT ")
	}
	b.WriteString(str(m["action"]))
	if r := str(m["resource"]); r != "" {
		b.WriteString(" on ")
		if truthy(m["not_resource"]) {
			b.WriteString("NOT ")
		}
		b.WriteString(r)
	}
	var extra []string
	if p := str(m["principal"]); p != "" {
		if truthy(m["not_principal"]) {
			p = "NOT " + p
		}
		extra = append(extra, "principal "+p)
	}
	if c, ok := m["condition"].(map[string]any); ok && len(c) > 0 {
		extra = append(extra, "condition "+compactCondition(c))
	}
	if len(extra) > 0 {
		b.WriteString(" (" + strings.Join(extra, ", ") + ")")
	}
	return b.String()
}

// compactCondition renders {"stringequals": {"sts:externalid": ["x"]}} as
// "stringequals sts:externalid=x".
func compactCondition(c map[string]any) string {
	var parts []string
	for _, op := range sortedKeys(c) {
		keys, ok := c[op].(map[string]any)
		if !ok {
			parts = append(parts, op+" "+compactValue("", c[op]))
			continue
		}
		for _, k := range sortedKeys(keys) {
			var vals []string
			switch vs := keys[k].(type) {
			case []any:
				for _, v := range vs {
					vals = append(vals, compactValue("", v))
				}
			case []string:
				vals = vs
			default:
				vals = []string{compactValue("", vs)}
			}
			parts = append(parts, op+" "+k+"="+strings.Join(vals, ","))
		}
	}
	return strings.Join(parts, " and ")
}

// ports renders protocol and port range: "tcp 22", "tcp 1024-2048",
// "tcp all ports", "all".
func ports(m map[string]any) string {
	proto := str(m["protocol"])
	if proto == "all" || proto == "-1" {
		return "all"
	}
	from, to := compactValue("", m["from_port"]), compactValue("", m["to_port"])
	switch {
	case m["from_port"] == nil && m["to_port"] == nil:
		return proto
	case from == "0" && to == "65535":
		return proto + " all ports"
	case from == to:
		return proto + " " + from
	}
	return proto + " " + from + "-" + to
}

func has(m map[string]any, keys ...string) bool {
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			return false
		}
	}
	return true
}

// str renders a field inside a sentence, where an empty string is nothing.
func str(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	}
	return compactValue("", v)
}

func truthy(v any) bool {
	b, _ := v.(bool)
	return b
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// truncate shortens s to at most max runes by cutting the middle, because
// both ends of an ARN or a rule carry meaning (service, resource name).
func truncate(s string, max int) string {
	if max < 5 || utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	head := (max - 1) * 3 / 5
	tail := max - 1 - head
	return string(r[:head]) + "…" + string(r[len(r)-tail:])
}

// prettyJSON renders evidence for people: indented, keys sorted (which
// encoding/json guarantees for maps), HTML left unescaped.
func prettyJSON(v any) string {
	if v == nil {
		return absent
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// changeValue renders one side of a change; a whole-resource change has no
// values, only presence.
func changeValue(path string, v any, present bool) string {
	if path == "" {
		if present {
			return "present"
		}
		return absent
	}
	return compactValue(path, v)
}
