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
// otherwise an Allow is needed.
func (p *Policy) Decide(r Request) Decision {
	if p == nil {
		return ImplicitDeny
	}
	action := strings.ToLower(r.Action)
	principal := canonicalPrincipal(r.Principal)
	ctx := make(map[string][]string, len(r.Context))
	for k, v := range r.Context {
		if !strings.HasPrefix(k, unknownKeyPrefix) { // carries case-sensitive values
			k = strings.ToLower(k)
		}
		ctx[k] = v
	}
	d := ImplicitDeny
	for _, s := range p.stmts {
		if !s.matchAction(action) || !s.matchResource(r.Resource) || !s.matchPrincipal(principal) || !s.matchContext(ctx) {
			continue
		}
		if s.deny {
			return ExplicitDeny
		}
		d = Allow
	}
	return d
}

// Allows: Allow in the identity policies and, when there is a boundary,
// in the boundary too; a Deny in either wins.
func (id Identity) Allows(r Request) bool {
	if id.Policies.Decide(r) != Allow {
		return false
	}
	return id.Boundary == nil || id.Boundary.Decide(r) == Allow
}

func (s *stmt) matchAction(a string) bool {
	hit := false
	for _, g := range s.actGlobs {
		if g.match(a) {
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
	for _, g := range s.resGlobs {
		if g.match(r) {
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
	hit := false
	for _, sp := range s.prins {
		if sp == "*" {
			hit = true
			break
		}
		for _, g := range principalGlobs(sp) {
			if g.match(p) {
				hit = true
				break
			}
		}
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
