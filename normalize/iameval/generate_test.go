package iameval

import (
	"math/rand"
	"strings"
)

// gen draws policies from the pools so that the oracle's universe covers
// every class the evaluator may distinguish.
type gen struct {
	r          *rand.Rand
	principals bool // resource/trust policies: statements carry principals
}

func (g *gen) pick(l []string) string { return l[g.r.Intn(len(l))] }

func (g *gen) some(l []string, max int) []string {
	n := 1 + g.r.Intn(max)
	seen := map[string]bool{}
	var out []string
	for i := 0; i < n; i++ {
		s := g.pick(l)
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func (g *gen) condition() map[string]map[string][]string {
	c := map[string]map[string][]string{}
	for i := 0; i <= g.r.Intn(2); i++ {
		ck := condPool[g.r.Intn(len(condPool))]
		op := strings.ToLower(g.pick(ck.ops))
		vals := g.some(ck.vals, 2)
		if op == "null" {
			vals = []string{g.pick([]string{"true", "false"})}
		}
		if c[op] == nil {
			c[op] = map[string][]string{}
		}
		c[op][ck.name] = vals
	}
	return c
}

func (g *gen) statement() Statement {
	s := Statement{Effect: "Allow"}
	if g.r.Intn(4) == 0 {
		s.Effect = "Deny"
	}
	s.Actions = g.some(actionPool, 3)
	s.NotAction = g.r.Intn(5) == 0
	if !g.principals || g.r.Intn(2) == 0 {
		s.Resources = g.some(resourcePool, 2)
		s.NotResource = g.r.Intn(7) == 0
	}
	if g.principals {
		s.Principals = g.some(principalPool, 2)
		s.NotPrincipal = g.r.Intn(10) == 0
	}
	if g.r.Intn(3) == 0 {
		s.Condition = g.condition()
	}
	return s
}

func (g *gen) policy() []Statement {
	var out []Statement
	for i := 0; i <= g.r.Intn(3); i++ {
		out = append(out, g.statement())
	}
	return out
}

func (g *gen) side() oSide {
	sd := oSide{pol: g.policy()}
	if !g.principals && g.r.Intn(3) == 0 {
		sd.hasBnd = true
		gb := *g
		gb.principals = false
		sd.bnd = gb.policy()
	}
	return sd
}

func cloneStmts(l []Statement) []Statement {
	out := make([]Statement, len(l))
	for i, s := range l {
		s.Principals = append([]string(nil), s.Principals...)
		s.Actions = append([]string(nil), s.Actions...)
		s.Resources = append([]string(nil), s.Resources...)
		if s.Condition != nil {
			c := map[string]map[string][]string{}
			for op, keys := range s.Condition {
				c[op] = map[string][]string{}
				for k, v := range keys {
					c[op][k] = append([]string(nil), v...)
				}
			}
			s.Condition = c
		}
		out[i] = s
	}
	return out
}

func cloneSide(s oSide) oSide {
	return oSide{pol: cloneStmts(s.pol), bnd: cloneStmts(s.bnd), hasBnd: s.hasBnd}
}

// universeActions is the catalog plus the unknown actions written in l.
func universeActions(l ...[]Statement) []string {
	var all []Statement
	for _, x := range l {
		all = append(all, x...)
	}
	return actionUniverse(all)
}

func matching(actions []string, pats []string) []string {
	var out []string
	for _, a := range actions {
		for _, p := range pats {
			if oRegexp("action", p).MatchString(a) {
				out = append(out, a)
				break
			}
		}
	}
	return out
}
