package iameval

import (
	"net"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// The oracle decides one concrete request by AWS's rules, read straight
// off the documentation, with regular expressions and no shared code with
// the evaluator: no globs, no classes, no signatures. It is slow and only
// meant to be run over a finite universe of requests.

type oSide struct {
	pol    []Statement
	bnd    []Statement
	hasBnd bool
}

func oAllows(sd oSide, r Request) bool {
	if oDecide(sd.pol, r) != Allow {
		return false
	}
	return !sd.hasBnd || oDecide(sd.bnd, r) == Allow
}

func oDecide(stmts []Statement, r Request) Decision {
	allowed, denied := false, false
	for _, s := range stmts {
		if !oStmtApplies(s, r) {
			continue
		}
		if strings.EqualFold(s.Effect, "Deny") {
			denied = true
		} else {
			allowed = true
		}
	}
	switch {
	case denied:
		return ExplicitDeny
	case allowed:
		return Allow
	}
	return ImplicitDeny
}

func oStmtApplies(s Statement, r Request) bool {
	in := false
	for _, a := range s.Actions {
		if oMatch("action", a, r.Action) {
			in = true
		}
	}
	if in == s.NotAction {
		return false
	}
	if len(s.Resources) > 0 || s.NotResource {
		in = false
		for _, p := range s.Resources {
			if oMatch("resource", p, r.Resource) {
				in = true
			}
		}
		if in == s.NotResource {
			return false
		}
	}
	if r.Principal != "" && (len(s.Principals) > 0 || s.NotPrincipal) {
		in = false
		for _, p := range s.Principals {
			if oPrincipal(p, r.Principal) {
				in = true
			}
		}
		if in == s.NotPrincipal {
			return false
		}
	}
	for op, keys := range s.Condition {
		for k, vals := range keys {
			if !oClause(op, k, vals, r.Context) {
				return false
			}
		}
	}
	return true
}

// oPrincipal: "*" and AWS:* are anyone; an account (id or root ARN) is
// every principal of the account.
func oPrincipal(p, req string) bool {
	if p == "*" || p == "AWS:*" {
		return true
	}
	acct := ""
	if id, ok := strings.CutPrefix(p, "AWS:"); ok && len(id) == 12 && strings.Trim(id, "0123456789") == "" {
		acct = id
	} else if m := rootRE.FindStringSubmatch(p); m != nil {
		acct = m[1]
	}
	if acct != "" {
		return strings.HasPrefix(req, "AWS:arn:aws:iam::"+acct+":") || strings.HasPrefix(req, "AWS:arn:aws:sts::"+acct+":")
	}
	if strings.HasPrefix(p, "Service:") {
		return strings.EqualFold(p, req)
	}
	return p == req
}

var (
	rootRE = regexp.MustCompile(`^AWS:arn:aws:iam::([^:]*):root$`)
	oCache = map[string]*regexp.Regexp{}
	oMemo  = map[oKey]bool{}
)

type oKey struct{ kind, pattern, subject string }

// oMatch memoizes regular expression matches: the oracle asks the same
// questions many times.
func oMatch(kind, p, s string) bool {
	k := oKey{kind, p, s}
	if v, ok := oMemo[k]; ok {
		return v
	}
	v := oRegexp(kind, p).MatchString(s)
	if len(oMemo) > 1<<20 {
		oMemo = map[oKey]bool{}
	}
	oMemo[k] = v
	return v
}

// oRegexp translates a policy pattern: in actions and StringLike '*' and
// '?' are any characters; in the Resource element a '*' that ends an ARN
// segment may cross colons and every other wildcard stays in its segment.
func oRegexp(kind, p string) *regexp.Regexp {
	if re, ok := oCache[kind+"\x00"+p]; ok {
		return re
	}
	var b strings.Builder
	b.WriteString("^")
	if kind == "action" {
		b.WriteString("(?is)")
	} else {
		b.WriteString("(?s)")
	}
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c == '*' && kind == "resource" && i+1 < len(p) && p[i+1] != ':':
			b.WriteString("[^:]*")
		case c == '*':
			b.WriteString(".*")
		case c == '?' && kind == "resource":
			b.WriteString("[^:]")
		case c == '?':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("$")
	re := regexp.MustCompile(b.String())
	oCache[kind+"\x00"+p] = re
	return re
}

// oArnLike: the six colon-separated parts are compared one by one.
func oArnLike(pattern, v string) bool {
	pp, vp := strings.SplitN(pattern, ":", 6), strings.SplitN(v, ":", 6)
	if len(pp) != len(vp) {
		return false
	}
	for i := range pp {
		if !oMatch("string", pp[i], vp[i]) {
			return false
		}
	}
	return true
}

// oTest is one request value against one policy value under a positive
// operator family.
func oTest(family, v, pv string) bool {
	switch family {
	case "stringequals", "binaryequals":
		return v == pv
	case "stringlike":
		return oMatch("string", pv, v)
	case "stringequalsignorecase", "bool":
		return strings.EqualFold(v, pv)
	case "arnequals", "arnlike":
		return oArnLike(pv, v)
	case "ipaddress":
		ip := net.ParseIP(v)
		if ip == nil {
			return false
		}
		if _, n, err := net.ParseCIDR(pv); err == nil {
			return n.Contains(ip)
		}
		return ip.Equal(net.ParseIP(pv))
	}
	num := func(s string) (float64, bool) {
		f, err := strconv.ParseFloat(s, 64)
		return f, err == nil
	}
	if strings.HasPrefix(family, "date") {
		num = func(s string) (float64, bool) {
			if t, err := time.Parse(time.RFC3339, s); err == nil {
				return float64(t.Unix()), true
			}
			f, err := strconv.ParseFloat(s, 64)
			return f, err == nil
		}
	}
	x, ok1 := num(v)
	y, ok2 := num(pv)
	if !ok1 || !ok2 {
		return false
	}
	switch strings.TrimPrefix(strings.TrimPrefix(family, "numeric"), "date") {
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
	panic("oracle: operator " + family)
}

func oClause(op, key string, pvals []string, ctx map[string][]string) bool {
	op = strings.ToLower(op)
	vals := ctx[strings.ToLower(key)]
	present := len(vals) > 0
	forAll := strings.HasPrefix(op, "forallvalues:")
	forAny := strings.HasPrefix(op, "foranyvalue:")
	op = strings.TrimPrefix(strings.TrimPrefix(op, "forallvalues:"), "foranyvalue:")
	ifExists := strings.HasSuffix(op, "ifexists")
	op = strings.TrimSuffix(op, "ifexists")
	if op == "null" {
		for _, pv := range pvals {
			if pv == "true" && !present || pv == "false" && present {
				return true
			}
		}
		return false
	}
	neg := false
	for _, n := range []string{"stringnot", "arnnot", "numericnot", "datenot"} {
		if strings.HasPrefix(op, n) {
			neg, op = true, strings.Replace(op, "not", "", 1)
		}
	}
	if op == "notipaddress" {
		neg, op = true, "ipaddress"
	}
	if !present {
		switch {
		case ifExists || forAll:
			return true
		case forAny:
			return false
		}
		return neg
	}
	matches := func(v string) bool {
		for _, pv := range pvals {
			if oTest(op, v, pv) {
				return true
			}
		}
		return false
	}
	switch {
	case forAll:
		for _, v := range vals {
			if matches(v) == neg {
				return false
			}
		}
		return true
	case forAny:
		for _, v := range vals {
			if matches(v) != neg {
				return true
			}
		}
		return false
	}
	for _, v := range vals {
		if matches(v) {
			return !neg
		}
	}
	return neg
}
