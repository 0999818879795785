package crossing

import (
	"fmt"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parity-sec/parity/collectors/snapshot"
	"github.com/parity-sec/parity/collectors/snapshot/snapshottest"
	"github.com/parity-sec/parity/normalize"
	"github.com/parity-sec/parity/normalize/iameval"
)

// bruteEdges decides every ordered pair of principals by IAM's rule for
// sts:AssumeRole, stated plainly, with no candidate filter, index or memo:
// the role's trust must allow the caller, and then the caller's identity
// policies (within its boundary) must allow the call, or, in one account,
// a trust grant naming the caller's own ARN allows it (a trust of the
// account root or of anyone delegates to identity policies, even when a
// condition narrows it to the caller). The graph's pre-filters (who may
// call sts:AssumeRole at all, whom a trust names) must lose no edge, and
// its memos must add none.
func bruteEdges(se, pe *normalize.Environment) []string {
	envs := map[string]*normalize.Environment{Staging: se, Production: pe}
	type pn struct {
		side, key, arn string
		r              *normalize.Resource
	}
	var all []pn
	for _, side := range []string{Staging, Production} {
		e := envs[side]
		keys := make([]string, 0, len(e.Resources))
		for key := range e.Resources {
			keys = append(keys, key)
		}
		sort.Strings(keys)
		for _, key := range keys {
			r := e.Resources[key]
			if r == nil || (r.Kind != normalize.KindRole && r.Kind != normalize.KindUser) {
				continue
			}
			if arn := infoString(r, "arn"); arn != "" && r.Sem != nil {
				all = append(all, pn{side, key, arn, r})
			}
		}
	}
	request := func(e *normalize.Environment, from, to string) iameval.Request {
		arn := e.Canonical(from)
		return iameval.Request{Principal: "AWS:" + arn, Action: "sts:AssumeRole", Resource: e.Canonical(to),
			Context: map[string][]string{"aws:principalaccount": {e.Canonical(accountOf(from))}, "aws:principalarn": {arn}}}
	}
	var out []string
	for ti, to := range all {
		trust := to.r.Sem.Policies["trust"]
		if to.r.Kind != normalize.KindRole || trust == nil {
			continue
		}
		te := envs[to.side]
		grants, _ := to.r.Attrs["trust"].([]any)
		for fi, from := range all {
			if fi == ti {
				continue
			}
			canon := "AWS:" + te.Canonical(from.arn)
			if trust.Decide(request(te, from.arn, to.arn)) != iameval.Allow {
				continue
			}
			ok := false
			if id, has := from.r.Sem.Identity["permissions"]; has && id.Policies != nil {
				req := request(envs[from.side], from.arn, to.arn)
				req.Principal = ""
				ok = id.Allows(req)
			}
			if !ok && from.side == to.side {
				// The trust must allow the caller through a grant that
				// names the caller's own ARN, Denies still applying.
				var own []any
				for _, g := range grants {
					m, _ := g.(map[string]any)
					if np, _ := m["not_principal"].(bool); m["effect"] == "Deny" || (m["principal"] == canon && !np) {
						own = append(own, g)
					}
				}
				if stmts, err := normalize.StatementsFromGrants(own); err == nil && len(own) > 0 {
					ok = iameval.Compile(stmts).Decide(request(te, from.arn, to.arn)) == iameval.Allow
				}
			}
			if ok {
				out = append(out, from.side+" "+from.key+" > "+to.side+" "+to.key)
			}
		}
	}
	sort.Strings(out)
	return out
}

func graphEdges(g *graph) []string {
	var out []string
	for _, n := range g.nodes {
		for _, m := range n.out {
			out = append(out, n.side+" "+n.key+" > "+m.side+" "+m.key)
		}
	}
	sort.Strings(out)
	return out
}

// TestGraphOracle holds the assume-role graph to the all-pairs decision on
// random pairs, the synthetic 1k pair and the fixture.
func TestGraphOracle(t *testing.T) {
	type pairFn func() (*snapshot.Snapshot, *snapshot.Snapshot)
	cases := map[string]pairFn{
		"fixture":         fixture,
		"snapshottest300": func() (*snapshot.Snapshot, *snapshot.Snapshot) { return snapshottest.Generate(300, 5) },
	}
	for seed := uint64(1); seed <= 150; seed++ {
		cases[fmt.Sprintf("random%d", seed)] = func() (*snapshot.Snapshot, *snapshot.Snapshot) { return randomPair(seed) }
	}
	total := 0
	for name, mk := range cases {
		st, pr := mk()
		se, pe, err := normalize.Pair(st, pr, normalize.Config{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		p := newPair(se, pe)
		want := bruteEdges(se, pe)
		total += len(want)
		if d := cmp.Diff(want, graphEdges(p.graph())); d != "" {
			t.Errorf("%s: graph edges differ from the all-pairs decision (-want +got):\n%s", name, d)
		}
	}
	// The oracle is only worth something if the pairs have edges, and
	// cross-account ones.
	t.Logf("%d edges", total)
	if total < 300 {
		t.Errorf("only %d edges over all cases: the generator stopped producing paths", total)
	}
}
