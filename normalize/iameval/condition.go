package iameval

import (
	"math"
	"net/netip"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// clause is one operator applied to one context key with its value list.
// A statement's condition is the AND of its clauses; the value list is an OR.
type clause struct {
	op       string // the operator as written (lower case)
	base     string // operator family without qualifier, IfExists or Not
	neg      bool   // StringNotEquals, NotIpAddress, ...
	ifExists bool
	qual     int // qNone, qAny, qAll
	key      string
	values   []string
	globs    []glob // for string and ARN families
	ms       []matcher
	unknown  bool // kept symbolically: true iff the context says so
}

const (
	qNone = iota
	qAny
	qAll
)

// unknownKeyPrefix names the synthetic context key that decides an operator
// this package does not know. It makes such a guard a free variable: two
// policies with the same unknown guard compare equal, different ones do not,
// and a witness states the assumption explicitly.
const unknownKeyPrefix = "unknown-condition:"

var families = map[string]bool{
	"stringequals": true, "stringlike": true, "stringequalsignorecase": true,
	"arnequals": true, "arnlike": true,
	"numericequals": true, "numericlessthan": true, "numericlessthanequals": true,
	"numericgreaterthan": true, "numericgreaterthanequals": true,
	"dateequals": true, "datelessthan": true, "datelessthanequals": true,
	"dategreaterthan": true, "dategreaterthanequals": true,
	"bool": true, "binaryequals": true, "ipaddress": true, "null": true,
}

// negated maps each negated operator to its positive family.
var negated = map[string]string{
	"stringnotequals": "stringequals", "stringnotlike": "stringlike",
	"stringnotequalsignorecase": "stringequalsignorecase",
	"arnnotequals":              "arnequals", "arnnotlike": "arnlike",
	"numericnotequals": "numericequals", "datenotequals": "dateequals",
	"notipaddress": "ipaddress",
}

func compileClauses(cond map[string]map[string][]string) ([]*clause, []string) {
	var out []*clause
	var warns []string
	for op, keys := range cond {
		for key, vals := range keys {
			c := compileClause(strings.ToLower(op), strings.ToLower(key), vals)
			if c.unknown {
				warns = append(warns, "unknown condition operator "+op+" kept symbolically")
			}
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(x, y *clause) int {
		if c := strings.Compare(x.op, y.op); c != 0 {
			return c
		}
		return strings.Compare(x.key, y.key)
	})
	return out, warns
}

func compileClause(op, key string, vals []string) *clause {
	c := &clause{op: op, key: key, values: append([]string(nil), vals...)}
	rest := op
	if r, ok := strings.CutPrefix(rest, "forallvalues:"); ok {
		c.qual, rest = qAll, r
	} else if r, ok := strings.CutPrefix(rest, "foranyvalue:"); ok {
		c.qual, rest = qAny, r
	}
	if r, ok := strings.CutSuffix(rest, "ifexists"); ok && rest != "ifexists" {
		c.ifExists, rest = true, r
	}
	if pos, ok := negated[rest]; ok {
		c.neg, rest = true, pos
	}
	if !families[rest] || (rest == "null" && (c.neg || c.ifExists || c.qual != qNone)) {
		sort.Strings(c.values)
		c.unknown = true
		c.key = unknownKeyPrefix + op + ":" + key + "=" + strings.Join(c.values, ",")
		c.op, c.neg, c.ifExists, c.qual, c.base = "unknown", false, false, qNone, "unknown"
		return c
	}
	c.base = rest
	mode := -1
	switch rest {
	case "stringequals", "binaryequals":
		mode = modeLiteral
	case "stringlike":
		mode = modeString
	case "stringequalsignorecase", "bool":
		mode = modeFold
	case "arnequals", "arnlike":
		mode = modeArnCond
	}
	if mode >= 0 {
		for _, v := range c.values {
			c.globs = append(c.globs, compileGlob(v, mode))
		}
		c.ms = matchers(c.globs)
	}
	return c
}

// test reports whether one request value matches any of the clause's
// values under the positive form of the operator.
func (c *clause) test(v string) bool {
	switch c.base {
	case "unknown":
		return v == "true"
	case "stringequals", "binaryequals", "stringlike", "stringequalsignorecase", "bool", "arnequals", "arnlike":
		for i := range c.ms {
			if c.ms[i].match(v) {
				return true
			}
		}
		return false
	case "ipaddress":
		a, err := netip.ParseAddr(v)
		if err != nil {
			return false
		}
		for _, pv := range c.values {
			if p, ok := parsePrefix(pv); ok && p.Contains(a.Unmap()) {
				return true
			}
		}
		return false
	}
	if strings.HasPrefix(c.base, "numeric") {
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return false
		}
		for _, pv := range c.values {
			if y, err := strconv.ParseFloat(pv, 64); err == nil && compare(c.base[len("numeric"):], x, y) {
				return true
			}
		}
		return false
	}
	if strings.HasPrefix(c.base, "date") {
		x, ok := parseDate(v)
		if !ok {
			return false
		}
		for _, pv := range c.values {
			if y, ok := parseDate(pv); ok && compare(c.base[len("date"):], x, y) {
				return true
			}
		}
	}
	return false
}

func compare(rel string, x, y float64) bool {
	switch rel {
	case "equals":
		return x == y
	case "lessthan":
		return x < y
	case "lessthanequals":
		return x <= y
	case "greaterthan":
		return x > y
	case "greaterthanequals":
		return x >= y
	}
	return false
}

func parsePrefix(s string) (netip.Prefix, bool) {
	if p, err := netip.ParsePrefix(s); err == nil {
		return p.Masked(), true
	}
	if a, err := netip.ParseAddr(s); err == nil {
		return netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()), true
	}
	return netip.Prefix{}, false
}

// parseDate reads ISO 8601 dates and epoch seconds as Unix seconds.
func parseDate(s string) (float64, bool) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04Z", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return float64(t.UnixNano()) / 1e9, true
		}
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && !math.IsNaN(f) {
		return f, true
	}
	return 0, false
}

// eval applies the clause to the request's values for its key (nil when
// the key is absent), with AWS's rules for absent keys: positive operators
// are false, negated operators, IfExists and ForAllValues are true, Null
// tests presence.
func (c *clause) eval(vals []string) bool {
	// evalWith's rules, spelt out over the values themselves: a closure
	// here would be allocated on every Decide.
	if c.base == "null" || len(vals) == 0 {
		return c.evalWith(len(vals) > 0, 0, nil)
	}
	switch c.qual {
	case qAll:
		for _, v := range vals {
			if c.test(v) == c.neg {
				return false
			}
		}
		return true
	case qAny:
		for _, v := range vals {
			if c.test(v) != c.neg {
				return true
			}
		}
		return false
	}
	hit := false
	for i := 0; i < len(vals) && !hit; i++ {
		hit = c.test(vals[i])
	}
	return hit != c.neg
}

// evalWith is eval over abstract values: n values whose positive test
// results are given by t.
func (c *clause) evalWith(present bool, n int, t func(int) bool) bool {
	if c.base == "null" {
		want := false
		for _, v := range c.values {
			if strings.EqualFold(v, "true") {
				want = want || !present
			} else if strings.EqualFold(v, "false") {
				want = want || present
			}
		}
		return want
	}
	if !present {
		switch {
		case c.ifExists, c.qual == qAll:
			return true
		case c.qual == qAny:
			return false
		}
		return c.neg
	}
	switch c.qual {
	case qAll:
		for i := 0; i < n; i++ {
			if t(i) == c.neg {
				return false
			}
		}
		return true
	case qAny:
		for i := 0; i < n; i++ {
			if t(i) != c.neg {
				return true
			}
		}
		return false
	}
	hit := false
	for i := 0; i < n && !hit; i++ {
		hit = t(i)
	}
	return hit != c.neg
}
