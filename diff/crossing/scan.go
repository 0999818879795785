package crossing

import (
	"strings"

	"github.com/parity-sec/parity/normalize"
)

// sideScan is what one pass over a side's roles and users gathers for
// every part of the trace: reading each principal's maps once, while they
// are in cache, costs less than a walk per part.
type sideScan struct {
	nodes   []*node // the principals with an ARN and semantics, in key order
	assumes []bool  // per node: may it call sts:AssumeRole (see mayAssume)
	fed     []fedEntry
	// roles lists the roles whose trust may admit the other account (see
	// admitsOther), in key order: the only roles reach must probe.
	roles []roleReach
}

type roleReach struct {
	r        *normalize.Resource
	aws, svc bool
}

// scanSide reads side si's roles and users in key order.
func (p *pair) scanSide(si int) sideScan {
	side := sides[si]
	size := len(p.keys[si][normalize.KindRole]) + len(p.keys[si][normalize.KindUser])
	sc := sideScan{nodes: make([]*node, 0, size), assumes: make([]bool, 0, size)}
	h := &hops{actions: map[string]bool{}}
	type spelling struct{ acct, root string }
	accounts := [2]map[string]spelling{{}, {}}
	for key, r := range p.keysOf(side, normalize.KindRole, normalize.KindUser) {
		var tf trustFacts
		if r.Kind == normalize.KindRole {
			sc.fed = append(sc.fed, fedEntriesOf(side, key, r)...)
			if r.Sem != nil && r.Sem.Policies["trust"] != nil {
				tf = readTrust(r)
				if tf.aws || tf.svc {
					sc.roles = append(sc.roles, roleReach{r, tf.aws, tf.svc})
				}
			}
		}
		arn := infoString(r, "arn")
		if arn == "" || r.Sem == nil {
			continue
		}
		n := &node{side: side, key: key, arn: arn, si: si, res: r}
		acct := accountOf(arn)
		for s, sname := range sides {
			n.aws[s] = "AWS:" + p.envs[sname].Canonical(arn)
			n.canon[s] = n.aws[s][len("AWS:"):] // one string for both spellings
			// An account has one spelling and one root name per side.
			sp, ok := accounts[s][acct]
			if !ok {
				sp.acct = p.envs[sname].Canonical(acct)
				sp.root = "AWS:arn:aws:iam::" + sp.acct + ":root"
				accounts[s][acct] = sp
			}
			n.acct[s], n.root[s] = sp.acct, sp.root
		}
		if r.Kind == normalize.KindRole {
			if t := r.Sem.Policies["trust"]; t != nil {
				n.trust, n.adm, n.free = t, tf.adm, tf.free
			}
		}
		sc.nodes = append(sc.nodes, n)
		sc.assumes = append(sc.assumes, h.mayAssume(r))
	}
	return sc
}

// trustFacts is what a role's canonical trust grants say, read in one
// pass: whom the trust admits (for the graph's candidates), whether its
// decision is free of the resource (for the graph's memo), and whether
// it may admit the other account (for reach, see admitsOther).
type trustFacts struct {
	adm      admits
	free     bool
	aws, svc bool
}

// readTrust reads a role's trust grants once.
//
// adm: every caller when an Allow is for "*" or a NotPrincipal; else the
// principals the Allow grants name; adm.named lists every AWS principal
// any grant names.
//
// free: no statement names a resource: every grant has no Resource element
// (the evaluator sees "*") or Resource "*", and none is a NotResource.
// Grants are an exact rendering of the statements the policy was compiled
// from (normalize drops a grant only when another of the same effect,
// principal and condition covers it), so such a policy matches every
// resource alike and its decision for a caller holds for every role that
// shares it. Anything else (a missing grant list included) counts as
// resource-dependent.
//
// aws, svc: as admitsOther reports them for the trust.
func readTrust(r *normalize.Resource) trustFacts {
	var f trustFacts
	gs, ok := r.Attrs["trust"].([]any)
	f.free = ok
	for _, g := range gs {
		m, _ := g.(map[string]any)
		res, isStr := m["resource"].(string)
		if neg, _ := m["not_resource"].(bool); neg || !isStr || (res != "" && res != "*") {
			f.free = false
		}
		pr, isStr := m["principal"].(string)
		if isStr && strings.HasPrefix(pr, "AWS:") {
			f.adm.named = append(f.adm.named, pr)
		}
		if m["effect"] != "Allow" {
			continue
		}
		neg, _ := m["not_principal"].(bool)
		if neg || pr == "*" || pr == "AWS:*" {
			f.adm.any = true
		}
		if neg || pr == "*" || pr == "AWS:*" || strings.Contains(pr, normalize.TokenPeerAccount) {
			f.aws = true
		} else if strings.HasPrefix(pr, "Service:") {
			f.svc = true
		}
		f.adm.add(pr)
	}
	return f
}

// admits is whom a trust policy can admit: every caller when an Allow is
// for "*" or a NotPrincipal; else the principals its Allow grants name.
// named lists every AWS principal any of its grants names.
type admits struct {
	any          bool
	names, named []string
	set          map[string]bool // names, for a trust that names many
}

// add records a name an Allow grant admits, once.
func (a *admits) add(pr string) {
	if a.admits(pr) {
		return
	}
	a.names = append(a.names, pr)
	if a.set != nil {
		a.set[pr] = true
	} else if len(a.names) > 16 {
		a.set = make(map[string]bool, 2*len(a.names))
		for _, n := range a.names {
			a.set[n] = true
		}
	}
}

// admits reports whether an Allow grant names the principal. Most trusts
// name a few principals, where a scan is cheaper than a map.
func (a *admits) admits(name string) bool {
	if a.set != nil {
		return a.set[name]
	}
	for _, n := range a.names {
		if n == name {
			return true
		}
	}
	return false
}
