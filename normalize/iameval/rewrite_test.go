package iameval

import (
	"sort"
	"strings"
)

// rewrite applies one meaning-preserving rewrite to a side (or, for
// "split-not", one that usually changes meaning: a NotAction list split
// into statements is a union of complements, not the complement of the
// union). It returns the rewrite's name.
func (g *gen) rewrite(sd *oSide) string {
	univ := universeActions(sd.pol, sd.bnd)
	st := &sd.pol[g.r.Intn(len(sd.pol))]
	switch g.r.Intn(10) {
	case 0:
		g.r.Shuffle(len(sd.pol), func(i, j int) { sd.pol[i], sd.pol[j] = sd.pol[j], sd.pol[i] })
		return "reorder"
	case 1:
		if st.NotAction || len(st.Actions) < 2 {
			return "noop"
		}
		var split []Statement
		for _, a := range st.Actions {
			c := cloneStmts([]Statement{*st})[0]
			c.Actions = []string{a}
			split = append(split, c)
		}
		*st = split[0]
		sd.pol = append(sd.pol, split[1:]...)
		return "split-actions"
	case 2:
		if st.NotResource || len(st.Resources) < 2 {
			return "noop"
		}
		c := cloneStmts([]Statement{*st})[0]
		c.Resources = st.Resources[1:]
		st.Resources = st.Resources[:1]
		sd.pol = append(sd.pol, c)
		return "split-resources"
	case 3:
		if st.NotAction {
			// NotAction ↔ the explicit complement.
			st.Actions = complement(univ, st.Actions)
			st.NotAction = false
			return "notaction-to-list"
		}
		st.Actions = matching(univ, st.Actions)
		return "wildcard-to-list"
	case 4:
		res := g.pick(resourcePool)
		acts := g.some(actionPool, 2)
		sd.pol = append(sd.pol,
			Statement{Effect: "Allow", Actions: acts, Resources: []string{res}},
			Statement{Effect: "Deny", Actions: acts, Resources: []string{"*"}})
		return "deny-cancels-allow"
	case 5:
		if !sd.hasBnd {
			return "noop"
		}
		var outside []string
		for _, a := range univ {
			allowed := false
			for _, b := range sd.bnd {
				if !strings.EqualFold(b.Effect, "Deny") && len(matching([]string{a}, b.Actions)) > 0 != b.NotAction {
					allowed = true
				}
			}
			if !allowed {
				outside = append(outside, a)
			}
		}
		if len(outside) == 0 {
			return "noop"
		}
		sd.pol = append(sd.pol, Statement{Effect: "Allow", Actions: []string{g.pick(outside)}, Resources: []string{"*"}})
		return "grant-outside-boundary"
	case 6:
		for _, op := range sortedKeys(st.Condition) {
			keys := st.Condition[op]
			to := ""
			switch op {
			case "stringlike":
				to = "stringequals"
			case "stringequals":
				to = "stringlike"
			default:
				continue
			}
			for _, vals := range keys {
				for _, v := range vals {
					if strings.ContainsAny(v, "*?") {
						return "noop"
					}
				}
			}
			if st.Condition[to] != nil {
				return "noop"
			}
			delete(st.Condition, op)
			st.Condition[to] = keys
			return "stringlike-equals"
		}
		return "noop"
	case 7:
		for i, a := range st.Actions {
			if i%2 == 0 {
				st.Actions[i] = strings.ToUpper(a)
			}
		}
		return "action-case"
	case 8:
		if !st.NotAction || len(st.Actions) < 2 {
			return "noop"
		}
		c := cloneStmts([]Statement{*st})[0]
		c.Actions = st.Actions[1:]
		st.Actions = st.Actions[:1]
		sd.pol = append(sd.pol, c)
		return "split-not"
	default:
		sd.pol = append(sd.pol, cloneStmts([]Statement{*st})...)
		return "duplicate"
	}
}

func complement(univ, pats []string) []string {
	in := map[string]bool{}
	for _, a := range matching(univ, pats) {
		in[a] = true
	}
	var out []string
	for _, a := range univ {
		if !in[a] {
			out = append(out, a)
		}
	}
	return out
}

// change applies one small change of meaning (it may, by chance, keep it).
func (g *gen) change(sd *oSide) string {
	st := &sd.pol[g.r.Intn(len(sd.pol))]
	switch g.r.Intn(8) {
	case 0:
		if len(st.Actions) > 1 {
			st.Actions = st.Actions[1:]
		} else {
			st.Actions = []string{g.pick(actionPool)}
		}
		return "action"
	case 1:
		d := g.statement()
		d.Effect = "Deny"
		sd.pol = append(sd.pol, d)
		return "deny"
	case 2:
		if len(sd.pol) > 1 {
			sd.pol = sd.pol[1:]
			return "drop-statement"
		}
		st.Effect = map[string]string{"Allow": "Deny", "Deny": "Allow"}[st.Effect]
		return "effect"
	case 3:
		if g.principals {
			st.Principals = append(st.Principals, g.pick(principalPool))
			return "principal"
		}
		if sd.hasBnd {
			sd.hasBnd, sd.bnd = false, nil
			return "drop-boundary"
		}
		gb := *g
		sd.hasBnd, sd.bnd = true, gb.policy()
		return "add-boundary"
	case 4, 5:
		for _, op := range sortedKeys(st.Condition) {
			keys := st.Condition[op]
			for _, k := range sortedKeys(keys) {
				for _, ck := range condPool {
					if ck.name != k {
						continue
					}
					if g.r.Intn(2) == 0 {
						keys[k] = []string{g.pick(ck.vals)}
						return "condition-value"
					}
					no := strings.ToLower(g.pick(ck.ops))
					if no != "null" && st.Condition[no] == nil {
						delete(st.Condition, op)
						st.Condition[no] = keys
						return "condition-operator"
					}
				}
			}
		}
		st.Condition = g.condition()
		return "condition"
	case 6:
		if len(st.Resources) > 0 {
			st.Resources[0] = g.pick(resourcePool)
		}
		return "resource"
	default:
		st.NotAction = !st.NotAction
		return "not-action"
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
