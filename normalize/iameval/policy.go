package iameval

import (
	"sort"
	"strconv"
	"strings"
	"sync"
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
	notAction bool
	resources []string
	anyRes    bool // no Resource element (trust policies)
	notRes    bool
	clauses   []*clause
	fp        string // the statement's meaning as text: equal fp, equal decisions (print sets it)
	fpOnce    sync.Once

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
	p := &Policy{cat: u, stmts: make([]*stmt, 0, len(stmts))}
	var warn map[string]bool // allocated on the first warning
	addWarn := func(w string) {
		if warn == nil {
			warn = map[string]bool{}
		}
		warn[w] = true
	}
	block := make([]stmt, len(stmts)) // one allocation for all statements
	// One allocation each for the statements' strings and matchers; each
	// statement's slices are capped, so they never grow into another's.
	nStr, nM := 0, 0
	for i := range stmts {
		nStr += len(stmts[i].Principals) + len(stmts[i].Actions) + len(stmts[i].Resources)
		nM += len(stmts[i].Actions) + len(stmts[i].Resources)
	}
	strs, ms := make([]string, nStr), make([]matcher, nM)
	takeStrs := func(n int) []string {
		if n == 0 {
			return nil
		}
		out := strs[:n:n]
		strs = strs[n:]
		return out
	}
	takeMs := func(n int) []matcher {
		if n == 0 {
			return nil
		}
		out := ms[:n:n]
		ms = ms[n:]
		return out
	}
	for i := range stmts {
		st := &stmts[i]
		s := &block[i]
		*s = stmt{
			deny:      strings.EqualFold(st.Effect, "deny"),
			notPrin:   st.NotPrincipal,
			notAction: st.NotAction,
			notRes:    st.NotResource,
		}
		if !s.deny && !strings.EqualFold(st.Effect, "allow") {
			addWarn("unknown effect " + st.Effect + " treated as Allow")
		}
		s.prins = takeStrs(len(st.Principals))
		for j, pr := range st.Principals {
			cp := canonicalPrincipal(pr)
			if cp == "*" {
				s.anyPrin = true
			}
			s.prins[j] = cp
		}
		if len(st.Principals) == 0 && !st.NotPrincipal {
			s.anyPrin = true
		}
		if s.notPrin {
			s.anyPrin = false
		}
		s.actions, s.actM = takeStrs(len(st.Actions)), takeMs(len(st.Actions))
		for j, a := range st.Actions {
			la := strings.ToLower(a)
			s.actions[j] = la
			s.actM[j] = matcherFor(la, modeString)
			if !u.known(la) {
				addWarn("unknown action " + la + " compared as written")
			}
		}
		s.anyRes = len(st.Resources) == 0 && !st.NotResource
		s.resources, s.resM = takeStrs(len(st.Resources)), takeMs(len(st.Resources))
		copy(s.resources, st.Resources)
		for j, r := range s.resources {
			s.resM[j] = matcherFor(r, modeResource)
		}
		var ws []string
		s.clauses, ws = compileClauses(st.Condition)
		for _, w := range ws {
			addWarn(w)
		}
		for _, sp := range s.prins {
			if sp == "*" {
				s.prinStar = true
				continue
			}
			s.prinM = appendPrincipalMatchers(s.prinM, sp)
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

// appendPrincipalMatchers appends the matchers of principalGlobs(p): a
// literal, and for an account root two prefixes.
func appendPrincipalMatchers(ms []matcher, p string) []matcher {
	ms = append(ms, matcher{kind: mLit, text: p})
	if acct, ok := rootAccount(p); ok {
		ms = append(ms, matcher{kind: mPrefix, text: "AWS:arn:aws:iam::" + acct + ":"},
			matcher{kind: mPrefix, text: "AWS:arn:aws:sts::" + acct + ":"})
	}
	return ms
}

func rootAccount(p string) (string, bool) {
	rest, ok := strings.CutPrefix(p, "AWS:arn:aws:iam::")
	if !ok {
		return "", false
	}
	acct, ok := strings.CutSuffix(rest, ":root")
	return acct, ok && !strings.Contains(acct, ":")
}

// fingerprint is, byte for byte, what
//
//	fmt.Sprintf("%v|%v|%v|%v|%v|%v|%q|%q|%q", deny, anyPrin, notPrin, notAction, anyRes, notRes, prins, actions, resources)
//
// followed by fmt.Sprintf("|%s %s %q", op, key, values) per clause would
// print, built without fmt.
// print is the statement's fingerprint, computed on first use: most
// policies normalize compiles are never compared, and Policy is safe for
// concurrent use, hence the Once.
func (s *stmt) print() string {
	s.fpOnce.Do(func() { s.fp = fingerprint(s) })
	return s.fp
}

func fingerprint(s *stmt) string {
	n := 64
	for _, l := range [][]string{s.prins, s.actions, s.resources} {
		for _, x := range l {
			n += len(x) + 3
		}
	}
	for _, c := range s.clauses {
		n += len(c.op) + len(c.key) + 8
		for _, v := range c.values {
			n += len(v) + 3
		}
	}
	// A Builder hands its buffer over as the string, without a copy.
	var b strings.Builder
	b.Grow(n)
	for i, f := range [...]bool{s.deny, s.anyPrin, s.notPrin, s.notAction, s.anyRes, s.notRes} {
		if i > 0 {
			b.WriteByte('|')
		}
		b.WriteString(strconv.FormatBool(f))
	}
	for _, l := range [][]string{s.prins, s.actions, s.resources} {
		b.WriteByte('|')
		writeQuotedList(&b, l)
	}
	for _, c := range s.clauses {
		b.WriteByte('|')
		b.WriteString(c.op)
		b.WriteByte(' ')
		b.WriteString(c.key)
		b.WriteByte(' ')
		writeQuotedList(&b, c.values)
	}
	return b.String()
}

// writeQuotedList writes l as fmt's %q prints a []string: ["a" "b"].
func writeQuotedList(b *strings.Builder, l []string) {
	b.WriteByte('[')
	for i, x := range l {
		if i > 0 {
			b.WriteByte(' ')
		}
		writeQuote(b, x)
	}
	b.WriteByte(']')
}

// writeQuote writes strconv.Quote(s), copying printable ASCII without '"'
// or '\\' as it is, which Quote would do a rune at a time.
func writeQuote(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
			b.WriteString(strconv.Quote(s))
			return
		}
	}
	b.WriteByte('"')
	b.WriteString(s)
	b.WriteByte('"')
}
