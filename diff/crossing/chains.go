package crossing

import (
	"sort"
	"strings"

	"github.com/parity-sec/parity/normalize"
	"github.com/parity-sec/parity/normalize/iameval"
)

// Chain is a path of role assumptions from a principal of one environment
// to a role of the other: each hop is allowed by the caller's identity
// policies (within its boundary) and by the callee's trust policy, both
// evaluated for that caller. Hops run from the first principal to the
// reached role, with real ARNs.
type Chain struct {
	Resource  string  `json:"resource"` // the reached role's canonical key
	Side      string  `json:"side"`     // the reached role's environment
	Direction string  `json:"direction"`
	From      Account `json:"from"`
	To        Account `json:"to"`
	Hops      []Hop   `json:"hops"`
	Grade     string  `json:"grade"` // what the reached role can do (iameval reach grade)
}

// Hop is one principal on a chain.
type Hop struct {
	ARN  string `json:"arn"`
	Env  string `json:"env"`
	Key  string `json:"key"`
	Side string `json:"side"`
}

type node struct {
	side, key, arn string
	// canon holds, per side, "AWS:"+ARN and "AWS:"+account root in that
	// side's vocabulary, for the quick trust filter.
	canon, root map[string]string
	res         *normalize.Resource
	out         []*node
	in          []*node
}

// graph is the assume-role graph across both environments.
type graph struct {
	nodes []*node // sorted by side then key
	byKey map[string]*node
}

const assumeRole = "sts:assumerole"

// graph builds the edges. Testing every caller against every role would be
// quadratic; a caller can only assume a role if its identity policies allow
// sts:AssumeRole somewhere (an "assumer") or, in its own account, if the
// role's trust names it exactly. So each role is tested against the
// assumers and the principals its trust names, and each test is exact.
func (p *pair) graph() *graph {
	g := &graph{byKey: map[string]*node{}}
	index := map[string]map[string]*node{Staging: {}, Production: {}}
	var assumers []*node
	for _, side := range []string{Staging, Production} {
		e := p.envs[side]
		for _, key := range sortedKeys(e, normalize.KindRole, normalize.KindUser) {
			r := e.Resources[key]
			arn := infoString(r, "arn")
			if arn == "" || r.Sem == nil {
				continue
			}
			n := &node{side: side, key: key, arn: arn, res: r, canon: map[string]string{}, root: map[string]string{}}
			g.nodes = append(g.nodes, n)
			g.byKey[side+"\x00"+key] = n
			for _, s := range []string{Staging, Production} {
				c := p.envs[s].Canonical(arn)
				index[s][c] = n
				n.canon[s] = "AWS:" + c
				n.root[s] = "AWS:arn:aws:iam::" + p.envs[s].Canonical(accountOf(arn)) + ":root"
			}
			if mayAssume(r) {
				assumers = append(assumers, n)
			}
		}
	}
	// Index the assumers by the names a trust policy can admit them by (in
	// each side's vocabulary), so a role that trusts a few principals looks
	// only at those instead of at every identity of both accounts.
	order := make(map[*node]int, len(assumers))
	byName := map[string]map[string][]*node{Staging: {}, Production: {}}
	for i, n := range assumers {
		order[n] = i
		for _, s := range []string{Staging, Production} {
			byName[s][n.canon[s]] = append(byName[s][n.canon[s]], n)
			if n.root[s] != n.canon[s] {
				byName[s][n.root[s]] = append(byName[s][n.root[s]], n)
			}
		}
	}
	for _, target := range g.nodes {
		if target.res.Kind != normalize.KindRole || target.res.Sem.Policies["trust"] == nil {
			continue
		}
		adm := admitted(target.res)
		var cands []*node
		if adm.any {
			cands = append(cands, assumers...)
		} else {
			picked := map[*node]bool{}
			for name := range adm.names {
				for _, n := range byName[target.side][name] {
					if !picked[n] {
						picked[n] = true
						cands = append(cands, n)
					}
				}
			}
			sort.Slice(cands, func(i, j int) bool { return order[cands[i]] < order[cands[j]] })
		}
		for _, pr := range trustPrincipals(target.res) {
			if n, ok := index[target.side][strings.TrimPrefix(pr, "AWS:")]; ok {
				cands = append(cands, n)
			}
		}
		seen := map[*node]bool{}
		for _, c := range cands {
			if c == target || seen[c] {
				continue
			}
			seen[c] = true
			if !adm.any && !adm.names[c.canon[target.side]] && !adm.names[c.root[target.side]] {
				continue // the trust names neither the caller nor its account
			}
			if p.canAssume(c, target) {
				c.out = append(c.out, target)
				target.in = append(target.in, c)
			}
		}
	}
	return g
}

// canAssume decides one hop exactly.
func (p *pair) canAssume(from, to *node) bool {
	te, fe := p.envs[to.side], p.envs[from.side]
	trust := to.res.Sem.Policies["trust"]
	if trust.Decide(callerRequest(te, from, to)) != iameval.Allow {
		return false
	}
	if id, ok := from.res.Sem.Identity["permissions"]; ok && id.Policies != nil {
		req := callerRequest(fe, from, to)
		req.Principal = ""
		if id.Allows(req) {
			return true
		}
	}
	if from.side != to.side {
		return false
	}
	// In one account a trust policy that names the caller itself is
	// enough; one that names only the account needs the identity policy.
	sibling := &node{side: from.side, arn: "arn:aws:iam::" + accountOf(from.arn) + ":role/parity-probe-sibling"}
	return trust.Decide(callerRequest(te, sibling, to)) != iameval.Allow
}

// callerRequest is from's sts:AssumeRole call on to, spelled in e's vocabulary.
func callerRequest(e *normalize.Environment, from, to *node) iameval.Request {
	arn := e.Canonical(from.arn)
	return iameval.Request{
		Principal: "AWS:" + arn, Action: assumeRole, Resource: e.Canonical(to.arn),
		Context: map[string][]string{
			"aws:principalaccount": {e.Canonical(accountOf(from.arn))},
			"aws:principalarn":     {arn},
		},
	}
}

// mayAssume is a quick, conservative test on the canonical grants: could
// this identity's policies allow sts:AssumeRole on anything?
func mayAssume(r *normalize.Resource) bool {
	gs, _ := r.Attrs["permissions"].([]any)
	for _, g := range gs {
		m, _ := g.(map[string]any)
		if m["effect"] != "Allow" {
			continue
		}
		if neg, _ := m["not_action"].(bool); neg {
			return true
		}
		if a, ok := m["action"].(string); ok && globMatch(strings.ToLower(a), assumeRole) {
			return true
		}
	}
	return false
}

type admits struct {
	any   bool // "*", NotPrincipal: every caller must be evaluated
	names map[string]bool
}

// admitted reads whom a trust policy's Allow grants name.
func admitted(r *normalize.Resource) admits {
	a := admits{names: map[string]bool{}}
	gs, _ := r.Attrs["trust"].([]any)
	for _, g := range gs {
		m, _ := g.(map[string]any)
		if m["effect"] != "Allow" {
			continue
		}
		pr, _ := m["principal"].(string)
		if neg, _ := m["not_principal"].(bool); neg || pr == "*" || pr == "AWS:*" {
			a.any = true
		}
		a.names[pr] = true
	}
	return a
}

// trustPrincipals lists the principals a role's trust names.
func trustPrincipals(r *normalize.Resource) []string {
	gs, _ := r.Attrs["trust"].([]any)
	var out []string
	for _, g := range gs {
		m, _ := g.(map[string]any)
		if pr, ok := m["principal"].(string); ok && strings.HasPrefix(pr, "AWS:") {
			out = append(out, pr)
		}
	}
	return out
}

// chains finds, for every role reachable from the other environment, the
// shortest chain (fewest hops; ties broken by key order) from a principal
// of the other environment.
func (g *graph) chains(p *pair) []Chain {
	var out []Chain
	for _, from := range []string{Staging, Production} {
		parent := map[*node]*node{}
		var queue []*node
		for _, n := range g.nodes {
			if n.side == from {
				parent[n] = nil
				queue = append(queue, n)
			}
		}
		for len(queue) > 0 {
			n := queue[0]
			queue = queue[1:]
			for _, m := range n.out {
				if _, seen := parent[m]; !seen {
					parent[m] = n
					queue = append(queue, m)
				}
			}
		}
		for _, n := range g.nodes {
			pn, ok := parent[n]
			if !ok || n.side == from || pn == nil || n.res.Kind != normalize.KindRole {
				continue
			}
			var hops []Hop
			for c := n; c != nil; c = parent[c] {
				hops = append([]Hop{{ARN: c.arn, Env: p.envs[c.side].Name, Key: c.key, Side: c.side}}, hops...)
			}
			out = append(out, Chain{Resource: n.key, Side: n.side, Direction: direction(from),
				From: p.account(from), To: p.account(n.side), Hops: hops, Grade: p.grade(n.res)})
		}
	}
	return out
}

// reachesOther reports whether n starts a chain into the other environment.
func (g *graph) reachesOther(n *node) bool {
	seen := map[*node]bool{n: true}
	queue := []*node{n}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		for _, m := range c.out {
			if m.side != n.side {
				return true
			}
			if !seen[m] {
				seen[m] = true
				queue = append(queue, m)
			}
		}
	}
	return false
}

func (g *graph) find(side, key string) *node { return g.byKey[side+"\x00"+key] }
