package crossing

import (
	"strings"

	"github.com/parity-sec/parity/normalize"
	"github.com/parity-sec/parity/normalize/iameval"
)

// sides orders the environments wherever both are visited; a node's
// per-vocabulary strings are indexed the same way.
var sides = [2]string{Staging, Production}

func sideIndex(side string) int {
	if side == Staging {
		return 0
	}
	return 1
}

type node struct {
	side, key, arn string
	si             int // sideIndex(side)
	idx            int // position in graph.nodes
	// canon is the ARN and acct its account, spelled in each side's
	// vocabulary; aws and root are "AWS:"+canon and the account root's
	// principal, the names a trust policy can admit the node by.
	canon, acct, aws, root [2]string
	ctx                    [2]map[string][]string // request context per vocabulary, built on first use
	res                    *normalize.Resource
	// For a role with a trust policy: the policy, whom it admits, and
	// whether its decision is free of the resource (see readTrust).
	trust *iameval.Policy
	adm   admits
	free  bool
	out   []*node
	stamp int // 1 + the last target that took this node as a candidate
}

// graph is the assume-role graph across both environments.
type graph struct {
	nodes []*node             // sorted by side then key
	byKey [2]map[string]*node // per side, by key
}

const assumeRole = "sts:assumerole"

// hops decides hops for one graph build: the facts shared by many
// (caller, role) pairs are computed once here rather than per pair.
type hops struct {
	p *pair
	// mayAssume memoises mayAssume's verdict per action string: accounts
	// repeat a few hundred actions over thousands of grants.
	actions map[string]bool
	// trust memoises trust decisions of policies whose decision cannot
	// depend on the request's resource (see readTrust): such a decision
	// is a function of the policy and the caller alone, and many roles
	// share one compiled trust policy.
	trust map[trustKey]bool
	// direct holds, per role, the part of its trust that names IAM
	// principals by ARN (see directly).
	direct map[*node]*iameval.Policy
}

type trustKey struct {
	pol       *iameval.Policy
	arn, acct string
}

// graph builds the edges. Testing every caller against every role would be
// quadratic; a caller can only assume a role if its identity policies allow
// sts:AssumeRole somewhere (an "assumer") or, in its own account, if the
// role's trust names it exactly. So each role is tested against the
// assumers and the principals its trust names, and each test is exact;
// hops shares what many tests have in common (see hops). TestGraphOracle
// holds the result to a plain all-pairs decision.
func (p *pair) graph() *graph {
	g := &graph{}
	h := &hops{p: p, trust: map[trustKey]bool{}}
	// The sides' nodes were spelled, and their grants read, side by side
	// (see scanSide).
	var parts [2][]*node
	var assumes [2][]bool
	for si := range sides {
		parts[si], assumes[si] = p.scans[si].nodes, p.scans[si].assumes
		for _, n := range parts[si] {
			n.out, n.stamp = nil, 0 // the nodes are the pair's: a second build starts afresh
		}
	}
	// index finds a node by its canonical ARN in each side's vocabulary:
	// the last node with that spelling, in node order, as it always has.
	// Only the spellings some trust names are ever looked up, so only
	// those are indexed.
	var named [2]map[string]bool
	for si := range sides {
		named[si] = map[string]bool{}
		for _, n := range parts[si] {
			if n.trust != nil {
				for _, pr := range n.adm.named {
					named[si][strings.TrimPrefix(pr, "AWS:")] = true
				}
			}
		}
	}
	index := [2]map[string]*node{{}, {}}
	var assumers []*node
	for si := range sides {
		g.byKey[si] = make(map[string]*node, len(parts[si]))
		for i, n := range parts[si] {
			n.idx = len(g.nodes)
			g.nodes = append(g.nodes, n)
			g.byKey[si][n.key] = n
			for s := range sides {
				if named[s][n.canon[s]] {
					index[s][n.canon[s]] = n
				}
			}
			if assumes[si][i] {
				assumers = append(assumers, n)
			}
		}
	}
	// Index the assumers by the names a trust policy can admit them by (in
	// each side's vocabulary), so a role that trusts a few principals looks
	// only at those instead of at every identity of both accounts.
	byName := [2]map[string][]*node{{}, {}}
	for _, n := range assumers {
		for s := range sides {
			byName[s][n.aws[s]] = append(byName[s][n.aws[s]], n)
			if n.root[s] != n.aws[s] {
				byName[s][n.root[s]] = append(byName[s][n.root[s]], n)
			}
		}
	}
	var cands []*node
	for ti, target := range g.nodes {
		if target.trust == nil {
			continue
		}
		adm := &target.adm
		ts := target.si
		cands = cands[:0]
		if adm.any {
			cands = append(cands, assumers...)
		} else {
			for _, name := range adm.names {
				cands = append(cands, byName[ts][name]...)
			}
		}
		for _, pr := range adm.named {
			if n, ok := index[ts][strings.TrimPrefix(pr, "AWS:")]; ok {
				cands = append(cands, n)
			}
		}
		for _, c := range cands {
			if c == target || c.stamp == ti+1 {
				continue
			}
			c.stamp = ti + 1
			if !adm.any && !adm.admits(c.aws[ts]) && !adm.admits(c.root[ts]) {
				continue // the trust names neither the caller nor its account
			}
			if h.canAssume(c, target) {
				c.out = append(c.out, target)
			}
		}
	}
	return g
}

// canAssume decides one hop exactly: the role's trust must allow the
// caller, and then either the caller's identity policies allow the call
// or, in one account, the trust allows the caller by its own ARN, which is
// enough there. A trust that admits the account (its root, even narrowed
// by an aws:PrincipalArn condition) or anyone delegates to the caller's
// identity policies, as IAM documents for role trust policies.
func (h *hops) canAssume(from, to *node) bool {
	trust, free := to.trust, to.free
	ts := to.si
	if !h.trustAllows(trust, free, from.canon[ts], from.acct[ts], to.canon[ts], from.context(ts)) {
		return false
	}
	if id, ok := from.res.Sem.Identity["permissions"]; ok && id.Policies != nil {
		fs := from.si
		if id.Allows(iameval.Request{Action: assumeRole, Resource: to.canon[fs], Context: from.context(fs)}) {
			return true
		}
	}
	if from.si != to.si {
		return false
	}
	direct := h.directly(to)
	return direct != nil && direct.Decide(iameval.Request{Principal: "AWS:" + from.canon[ts], Action: assumeRole,
		Resource: to.canon[ts], Context: from.context(ts)}) == iameval.Allow
}

// directly is the part of a role's trust that names IAM principals by
// ARN: its Allow grants whose principal is an ARN other than an account
// root, with every Deny grant (a Deny still applies). Nil when no Allow
// names one. Grants are exact for statements (normalize.StatementsFromGrants),
// so it allows exactly what the trust allows through those names.
func (h *hops) directly(to *node) *iameval.Policy {
	if p, ok := h.direct[to]; ok {
		return p
	}
	var keep []any
	named := false
	gs, _ := to.res.Attrs["trust"].([]any)
	for _, g := range gs {
		m, _ := g.(map[string]any)
		if m["effect"] == "Deny" {
			keep = append(keep, g)
			continue
		}
		if neg, _ := m["not_principal"].(bool); neg {
			continue
		}
		if pr, _ := m["principal"].(string); namesPrincipal(pr) {
			keep = append(keep, g)
			named = true
		}
	}
	var p *iameval.Policy
	if named {
		if stmts, err := normalize.StatementsFromGrants(keep); err == nil {
			p = iameval.Compile(stmts)
		}
	}
	if h.direct == nil {
		h.direct = map[*node]*iameval.Policy{}
	}
	h.direct[to] = p
	return p
}

// namesPrincipal: an AWS principal ARN that is neither an account (root
// or a bare account id) nor a wildcard.
func namesPrincipal(pr string) bool {
	arn, ok := strings.CutPrefix(pr, "AWS:")
	return ok && strings.HasPrefix(arn, "arn:") && !strings.HasSuffix(arn, ":root") && !strings.Contains(arn, "*")
}

// trustAllows is the trust's decision for the caller's sts:AssumeRole on
// the role, all spelled in the role's vocabulary.
func (h *hops) trustAllows(trust *iameval.Policy, free bool, arn, acct, resource string, ctx map[string][]string) bool {
	k := trustKey{trust, arn, acct}
	if free {
		if d, ok := h.trust[k]; ok {
			return d
		}
	}
	d := trust.Decide(iameval.Request{Principal: "AWS:" + arn, Action: assumeRole, Resource: resource, Context: ctx}) == iameval.Allow
	if free {
		h.trust[k] = d
	}
	return d
}

// context is the request context AWS gives the node's calls, spelled in
// side s's vocabulary. It is shared by every request built for the node:
// a request's context is only read.
func (n *node) context(s int) map[string][]string {
	if n.ctx[s] == nil {
		n.ctx[s] = requestContext(n.canon[s], n.acct[s])
	}
	return n.ctx[s]
}

func requestContext(arn, acct string) map[string][]string {
	return map[string][]string{"aws:principalaccount": {acct}, "aws:principalarn": {arn}}
}

// mayAssume is a quick, conservative test on the canonical grants: could
// this identity's policies allow sts:AssumeRole on anything? A grant can
// if it is an Allow with NotAction or with an action matching
// sts:AssumeRole; the effect is read last, for the few grants that pass.
func (h *hops) mayAssume(r *normalize.Resource) bool {
	gs, _ := r.Attrs["permissions"].([]any)
	for _, g := range gs {
		m, _ := g.(map[string]any)
		if neg, _ := m["not_action"].(bool); !neg {
			a, ok := m["action"].(string)
			if !ok {
				continue
			}
			hit, seen := h.actions[a]
			if !seen {
				hit = globMatch(strings.ToLower(a), assumeRole)
				h.actions[a] = hit
			}
			if !hit {
				continue
			}
		}
		if m["effect"] == "Allow" {
			return true
		}
	}
	return false
}
