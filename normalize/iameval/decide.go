package iameval

import "strings"

// Decision is the outcome of evaluating one policy for one request.
type Decision int

const (
	ImplicitDeny Decision = iota
	Allow
	ExplicitDeny
)

func (d Decision) String() string {
	switch d {
	case Allow:
		return "Allow"
	case ExplicitDeny:
		return "ExplicitDeny"
	}
	return "ImplicitDeny"
}

// Request is one concrete request.
type Request struct {
	Principal string // "AWS:arn:…", "Service:…", "Federated:…"; "" ignores the principal (identity evaluation)
	Action    string // "s3:GetObject"
	Resource  string
	Context   map[string][]string // lower-case keys; a missing key is "not present"
}

// Identity is what a principal's identity policies allow within its
// permissions boundary (nil: no boundary).
type Identity struct {
	Policies *Policy
	Boundary *Policy
}

// Decide evaluates the policy for one request: an explicit Deny wins, and
// otherwise an Allow is needed. It allocates nothing for requests whose
// action is ASCII and whose context keys are already lower case (the
// path tracer's), since it runs in tight loops.
func (p *Policy) Decide(r Request) Decision {
	if p == nil {
		return ImplicitDeny
	}
	action, fold := r.Action, isASCII(r.Action)
	if !fold {
		// Unicode lower-casing may change lengths: match the lowered copy.
		action = strings.ToLower(action)
	}
	principal := canonicalPrincipal(r.Principal)
	ctx := r.Context
	if !canonicalKeys(ctx) {
		ctx = make(map[string][]string, len(r.Context))
		for k, v := range r.Context {
			if !strings.HasPrefix(k, unknownKeyPrefix) { // carries case-sensitive values
				k = strings.ToLower(k)
			}
			ctx[k] = v
		}
	}
	d := ImplicitDeny
	for _, s := range p.stmts {
		if !s.matchAction(action, fold) || !s.matchResource(r.Resource) || !s.matchPrincipal(principal) || !s.matchContext(ctx) {
			continue
		}
		if s.deny {
			return ExplicitDeny
		}
		d = Allow
	}
	return d
}

// canonicalKeys reports whether every key is as Decide would store it, so
// that the map can be used as it is.
func canonicalKeys(ctx map[string][]string) bool {
	for k := range ctx {
		if !strings.HasPrefix(k, unknownKeyPrefix) && !isLowerASCII(k) {
			return false
		}
	}
	return true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// isLowerASCII: ASCII without upper-case letters, which strings.ToLower
// returns unchanged.
func isLowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || ('A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

// Allows: Allow in the identity policies and, when there is a boundary,
// in the boundary too; a Deny in either wins.
func (id Identity) Allows(r Request) bool {
	if id.Policies.Decide(r) != Allow {
		return false
	}
	return id.Boundary == nil || id.Boundary.Decide(r) == Allow
}

// matchAction matches the action, lower-cased: with fold, a byte at a
// time (for ASCII that is exactly strings.ToLower, which Compile applied to
// the patterns), else as given.
func (s *stmt) matchAction(a string, fold bool) bool {
	hit := false
	for i := range s.actM {
		if s.actM[i].matchFold(a, fold) {
			hit = true
			break
		}
	}
	return hit != s.notAction
}

func (s *stmt) matchResource(r string) bool {
	if s.anyRes {
		return true
	}
	hit := false
	for i := range s.resM {
		if s.resM[i].match(r) {
			hit = true
			break
		}
	}
	return hit != s.notRes
}

func (s *stmt) matchPrincipal(p string) bool {
	if p == "" || s.anyPrin {
		return true
	}
	hit := s.prinStar
	for i := 0; i < len(s.prinM) && !hit; i++ {
		hit = s.prinM[i].match(p)
	}
	return hit != s.notPrin
}

func (s *stmt) matchContext(ctx map[string][]string) bool {
	for _, c := range s.clauses {
		if !c.eval(ctx[c.key]) {
			return false
		}
	}
	return true
}
