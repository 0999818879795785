package crossing

import (
	"sort"
	"strings"

	"github.com/parity-sec/parity/normalize"
)

// probe is one request identity of the other environment, spelled in the
// owning environment's vocabulary: a principal and the context AWS would
// attach to its requests.
type probe struct {
	principal string
	ctx       map[string][]string
	// caller is the existing principal a policy names, whose own identity
	// policies must also allow the call (a cross-account request needs
	// both sides); nil for a principal the other account could create at will.
	caller *normalize.Resource
}

// probes builds the principals of the other account that could call the
// resource: its root, a role and a user it could create at will, and every
// principal of that account the policy names, as principal or in a
// condition on aws:PrincipalArn; each with aws:PrincipalAccount, aws:PrincipalArn
// and kms:CallerAccount set as AWS sets them. Keys whose value the caller
// chooses (kms:ViaService) or that parity cannot know (aws:PrincipalOrgID:
// parity assumes both accounts are in one organization, the common case)
// are tried absent and with each value the policy names. With services set
// and a policy scoped by aws:SourceAccount or aws:SourceArn, every service
// the policy names is also tried acting for the other account.
//
// With aws unset the caller has proved that no Allow of the policy can
// match an AWS principal of the other account (see admitsOther), and only
// the service probes are built: the others could never be allowed.
func (p *pair) probes(side string, r *normalize.Resource, attr string, services, aws bool) []probe {
	e, peer := p.envs[side], p.envs[other(side)]
	vals, svcs, named := conditionValues(r.Attrs[attr])
	acct := e.Canonical(peer.AccountID)
	type cand struct {
		arn    string
		caller *normalize.Resource
	}
	var cands []cand
	if aws {
		for _, a := range []string{
			"arn:aws:iam::" + peer.AccountID + ":root",
			"arn:aws:iam::" + peer.AccountID + ":role/parity-probe",
			"arn:aws:iam::" + peer.AccountID + ":user/parity-probe",
		} {
			cands = append(cands, cand{arn: e.Canonical(a)})
		}
		// A named principal of the other account is tried as itself, and only
		// if it exists there: naming is how a policy admits one role and not
		// its siblings, and that role must be allowed to make the call.
		for _, pr := range named {
			if a, ok := strings.CutPrefix(pr, "AWS:"); ok && strings.Contains(a, normalize.TokenPeerAccount) && !strings.HasSuffix(a, ":root") {
				if r := p.principalsOf(other(side), side)[a]; r != nil {
					cands = append(cands, cand{arn: a, caller: r})
				}
			}
		}
		for _, v := range vals["aws:principalarn"] {
			if strings.Contains(v, normalize.TokenPeerAccount) {
				cands = append(cands, cand{arn: instantiate(v)})
			}
		}
	}
	var out []probe
	seen := map[string]bool{}
	ctxs := choices(vals, "aws:principalorgid", "kms:viaservice")
	for _, ctx := range ctxs {
		for _, c := range cands {
			// Probes are told apart by their context as fmt.Sprint spells
			// it. With one (empty) choice every context is the same but
			// for aws:principalarn, so the ARN alone tells them apart.
			k := c.arn
			if len(ctxs) > 1 {
				pc := clone(ctx)
				pc["aws:principalaccount"] = []string{acct}
				pc["kms:calleraccount"] = []string{acct}
				pc["aws:principalarn"] = []string{c.arn}
				k = contextKey(pc)
			}
			if seen[k] {
				continue
			}
			seen[k] = true
			pc := clone(ctx)
			pc["aws:principalaccount"] = []string{acct}
			pc["kms:calleraccount"] = []string{acct}
			pc["aws:principalarn"] = []string{c.arn}
			out = append(out, probe{principal: "AWS:" + c.arn, ctx: pc, caller: c.caller})
		}
	}
	if !services || (len(vals["aws:sourceaccount"]) == 0 && len(vals["aws:sourcearn"]) == 0) {
		return out
	}
	for _, svc := range svcs {
		prefix, _, _ := strings.Cut(strings.TrimPrefix(svc, "Service:"), ".")
		sources := []string{"arn:aws:" + prefix + ":" + r.Region + ":" + acct + ":parity-probe"}
		for _, v := range vals["aws:sourcearn"] {
			if strings.Contains(v, normalize.TokenPeerAccount) {
				sources = append(sources, instantiate(v))
			}
		}
		for _, src := range uniq(sources) {
			out = append(out, probe{principal: svc, ctx: map[string][]string{
				"aws:sourceaccount": {acct}, "aws:sourcearn": {src},
			}})
		}
	}
	return out
}

// contextKey spells a probe context exactly as fmt.Sprint does (keys
// sorted, "map[k:[v w] …]"), which is how probes have always been told
// apart, without fmt's reflection.
func contextKey(m map[string][]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString("map[")
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(k)
		b.WriteString(":[")
		for j, v := range m[k] {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(v)
		}
		b.WriteByte(']')
	}
	b.WriteByte(']')
	return b.String()
}

// conditionValues gathers, from canonical grants, every value each
// condition key is compared with, every service principal and every
// principal named.
func conditionValues(attr any) (map[string][]string, []string, []string) {
	vals := map[string][]string{}
	svcs := map[string]bool{}
	named := map[string]bool{}
	gs, _ := attr.([]any)
	for _, g := range gs {
		m, _ := g.(map[string]any)
		if pr, ok := m["principal"].(string); ok && strings.HasPrefix(pr, "Service:") {
			svcs[pr] = true
		} else if ok {
			named[pr] = true
		}
		cond, _ := m["condition"].(map[string]any)
		for _, keys := range cond {
			km, _ := keys.(map[string]any)
			for k, vs := range km {
				list, _ := vs.([]any)
				for _, v := range list {
					if s, ok := v.(string); ok {
						vals[k] = append(vals[k], s)
					}
				}
			}
		}
	}
	for k := range vals {
		vals[k] = uniq(vals[k])
	}
	return vals, setList(svcs), setList(named)
}

// choices is every combination of the given keys absent or set to one of
// the values the policy names (wildcards instantiated).
func choices(vals map[string][]string, keys ...string) []map[string][]string {
	out := []map[string][]string{{}}
	for _, k := range keys {
		var next []map[string][]string
		for _, base := range out {
			next = append(next, base)
			for _, v := range vals[k] {
				c := clone(base)
				c[k] = []string{instantiate(v)}
				next = append(next, c)
			}
		}
		out = next
	}
	return out
}

// instantiate turns a condition pattern into one concrete value it
// matches: the request a caller would make to satisfy it.
func instantiate(pattern string) string {
	return strings.NewReplacer("*", "parity-probe", "?", "x").Replace(pattern)
}

func clone(m map[string][]string) map[string][]string {
	c := make(map[string][]string, len(m)+3)
	for k, v := range m {
		c[k] = v
	}
	return c
}

func uniq(in []string) []string { // sorted, without duplicates
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

// principalsOf indexes side's roles and users by ARN spelled in the
// vocabulary of side in: computed once per direction, not per policy.
func (p *pair) principalsOf(side, in string) map[string]*normalize.Resource {
	k := side + ">" + in
	p.mu.Lock()
	defer p.mu.Unlock()
	if m, ok := p.principals[k]; ok {
		return m
	}
	v := p.envs[in]
	m := map[string]*normalize.Resource{}
	for _, r := range p.keysOf(side, normalize.KindRole, normalize.KindUser) {
		m[v.Canonical(infoString(r, "arn"))] = r
	}
	if p.principals == nil {
		p.principals = map[string]map[string]*normalize.Resource{}
	}
	p.principals[k] = m
	return m
}
