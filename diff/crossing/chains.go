package crossing

import (
	"github.com/parity-sec/parity/normalize"
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

// chains finds, for every role reachable from the other environment, the
// shortest chain (fewest hops; ties broken by key order) from a principal
// of the other environment.
func (g *graph) chains(p *pair) []Chain {
	var out []Chain
	// parent holds 1 + the index of a node's parent on its shortest chain,
	// 0 for a start, -1 for a node not reached.
	parent := make([]int, len(g.nodes))
	queue := make([]*node, 0, len(g.nodes))
	for _, from := range sides {
		queue = queue[:0]
		for i, n := range g.nodes {
			parent[i] = -1
			if n.side == from {
				parent[i] = 0
				queue = append(queue, n)
			}
		}
		for head := 0; head < len(queue); head++ {
			n := queue[head]
			for _, m := range n.out {
				if parent[m.idx] < 0 {
					parent[m.idx] = n.idx + 1
					queue = append(queue, m)
				}
			}
		}
		for i, n := range g.nodes {
			if parent[i] <= 0 || n.side == from || n.res.Kind != normalize.KindRole {
				continue
			}
			depth := 0
			for c := i; c >= 0; c = parent[c] - 1 {
				depth++
			}
			hops := make([]Hop, depth)
			for c := i; c >= 0; c = parent[c] - 1 {
				depth--
				h := g.nodes[c]
				hops[depth] = Hop{ARN: h.arn, Env: p.envs[h.side].Name, Key: h.key, Side: h.side}
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
	for head := 0; head < len(queue); head++ {
		for _, m := range queue[head].out {
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

func (g *graph) find(side, key string) *node { return g.byKey[sideIndex(side)][key] }
