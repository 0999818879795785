package iameval

import (
	"fmt"
	"sort"
	"strings"
)

// Statement is one parsed policy statement. It has the shape of
// normalize.Statement, which cannot be imported here (normalize depends on
// this package).
type Statement struct {
	Effect       string   // "Allow" | "Deny"
	Principals   []string // "AWS:<arn or *>", "Service:<x>", "Federated:<x>", "CanonicalUser:<x>", or "*"
	NotPrincipal bool
	Actions      []string
	NotAction    bool
	Resources    []string
	NotResource  bool
	Condition    map[string]map[string][]string // operator -> key -> values, operator and key lower case
}

// Policy is a compiled set of statements. It is immutable after Compile and
// safe for concurrent use.
type Policy struct {
	stmts    []*stmt
	cat      *universe
	warnings []string
}

type stmt struct {
	deny      bool
	anyPrin   bool     // Principal "*" or absent (identity policy)
	prins     []string // canonical principals
	notPrin   bool
	actions   []string // lower case patterns
	actGlobs  []glob
	notAction bool
	resources []string
	resGlobs  []glob
	anyRes    bool // no Resource element (trust policies)
	notRes    bool
	clauses   []*clause
	fp        string // the statement's meaning as text: equal fp, equal decisions

	// Prepared at Compile for Decide: it runs in tight loops.
	actM     []matcher
	resM     []matcher
	prinM    []matcher // principalGlobs of every principal but "*"
	prinStar bool      // "*" is among the principals
}

// Compile compiles statements against the default catalog. It never
// fails: what it does not understand is kept symbolically and named by
// Warnings.
func Compile(stmts []Statement) *Policy { return CompileWith(stmts, DefaultCatalog()) }

// CompileWith compiles statements against the given action catalog.
func CompileWith(stmts []Statement, cat Catalog) *Policy {
	u := universeOf(cat)
	p := &Policy{cat: u}
	warn := map[string]bool{}
	for i := range stmts {
		st := &stmts[i]
		s := &stmt{
			deny:      strings.EqualFold(st.Effect, "deny"),
			notPrin:   st.NotPrincipal,
			notAction: st.NotAction,
			notRes:    st.NotResource,
		}
		if !s.deny && !strings.EqualFold(st.Effect, "allow") {
			warn["unknown effect "+st.Effect+" treated as Allow"] = true
		}
		for _, pr := range st.Principals {
			cp := canonicalPrincipal(pr)
			if cp == "*" {
				s.anyPrin = true
			}
			s.prins = append(s.prins, cp)
		}
		if len(st.Principals) == 0 && !st.NotPrincipal {
			s.anyPrin = true
		}
		if s.notPrin {
			s.anyPrin = false
		}
		for _, a := range st.Actions {
			la := strings.ToLower(a)
			s.actions = append(s.actions, la)
			s.actGlobs = append(s.actGlobs, compileGlob(la, modeString))
			if !u.known(la) {
				warn["unknown action "+la+" compared as written"] = true
			}
		}
		s.anyRes = len(st.Resources) == 0 && !st.NotResource
		for _, r := range st.Resources {
			s.resources = append(s.resources, r)
			s.resGlobs = append(s.resGlobs, compileGlob(r, modeResource))
		}
		var ws []string
		s.clauses, ws = compileClauses(st.Condition)
		for _, w := range ws {
			warn[w] = true
		}
		s.fp = fingerprint(s)
		s.actM = matchers(s.actGlobs)
		s.resM = matchers(s.resGlobs)
		for _, sp := range s.prins {
			if sp == "*" {
				s.prinStar = true
				continue
			}
			s.prinM = append(s.prinM, matchers(principalGlobs(sp))...)
		}
		p.stmts = append(p.stmts, s)
	}
	for w := range warn {
		p.warnings = append(p.warnings, w)
	}
	sort.Strings(p.warnings)
	return p
}

// Warnings lists, sorted, what Compile kept symbolically.
func (p *Policy) Warnings() []string {
	if p == nil {
		return nil
	}
	return append([]string(nil), p.warnings...)
}

// canonicalPrincipal makes "*" and "AWS:*" one principal and an account id
// its root ARN, so callers need not have canonicalized.
func canonicalPrincipal(p string) string {
	if c, ok := canonicalAlready(p); ok {
		return c
	}
	p = strings.TrimSpace(p)
	typ, id, ok := strings.Cut(p, ":")
	if !ok {
		return p
	}
	switch strings.ToLower(typ) {
	case "aws":
		if id == "*" {
			return "*"
		}
		if len(id) == 12 && allDigits(id) {
			id = "arn:aws:iam::" + id + ":root"
		}
		return "AWS:" + id
	case "service":
		return "Service:" + strings.ToLower(id)
	case "federated":
		return "Federated:" + id
	case "canonicaluser":
		return "CanonicalUser:" + id
	}
	return p
}

// canonicalAlready is canonicalPrincipal's answer without allocating for
// the principals Decide sees in loops, ones that are canonical already:
// ASCII with no surrounding space, "AWS:" with an ARN or "Service:" in lower
// case. Anything else is left to canonicalPrincipal (ok false).
func canonicalAlready(p string) (string, bool) {
	if p == "" || !isASCII(p) || p[0] <= ' ' || p[len(p)-1] <= ' ' {
		return "", false
	}
	if id, ok := strings.CutPrefix(p, "AWS:"); ok && id != "*" && !(len(id) == 12 && allDigits(id)) {
		return p, true
	}
	if id, ok := strings.CutPrefix(p, "Service:"); ok && isLowerASCII(id) {
		return p, true
	}
	return "", false
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// principalGlobs is what one policy principal matches: itself, and for an
// account root every principal of that account (the account delegates).
func principalGlobs(p string) []glob {
	gs := []glob{compileGlob(p, modeLiteral)}
	if acct, ok := rootAccount(p); ok {
		for _, pre := range []string{"AWS:arn:aws:iam::", "AWS:arn:aws:sts::"} {
			g := compileGlob(pre+acct+":", modeLiteral)
			gs = append(gs, append(g, gtok{kind: tStar, colon: true}))
		}
	}
	return gs
}

func rootAccount(p string) (string, bool) {
	rest, ok := strings.CutPrefix(p, "AWS:arn:aws:iam::")
	if !ok {
		return "", false
	}
	acct, ok := strings.CutSuffix(rest, ":root")
	return acct, ok && !strings.Contains(acct, ":")
}

func fingerprint(s *stmt) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%v|%v|%v|%v|%v|%v|%q|%q|%q", s.deny, s.anyPrin, s.notPrin, s.notAction, s.anyRes, s.notRes, s.prins, s.actions, s.resources)
	for _, c := range s.clauses {
		fmt.Fprintf(&b, "|%s %s %q", c.op, c.key, c.values)
	}
	return b.String()
}
