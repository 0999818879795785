package normalize

import (
	"slices"
	"strconv"

	"github.com/parity-sec/parity/normalize/iameval"
	"github.com/parity-sec/parity/normalize/netsem"
)

// Semantics is what a resource's access-deciding attributes mean, compiled
// once here so that the differ and the policies judge meaning rather than
// text. It is keyed by the attribute whose meaning it holds; the Attrs entry
// of the same name stays as the human-readable form.
type Semantics struct {
	// Identity holds effective identity permissions ("permissions"): the
	// union of the identity's policies intersected with its boundary.
	Identity map[string]iameval.Identity
	// Policies holds resource-based policies: "trust", "resource_policy", "policy".
	Policies map[string]*iameval.Policy
	// Scopes names, per resource-based policy, the services whose actions
	// can act on the resource that holds it: a key policy governs kms, a
	// trust policy sts, a secret's policy secretsmanager. An "Action": "*"
	// there means every action of those, so NotAction and explicit lists
	// compare within them.
	Scopes map[string]iameval.Scope
	// Packets holds admitted packet sets: "ingress", "egress".
	Packets map[string]netsem.Set
	// Prints holds, per IAM attribute, a digest of the canonical grants it
	// was compiled from: grants are an exact, order-free rendering of the
	// statements (negated lists stay whole), so twins with equal digests
	// allow the same requests and the differ skips the comparison; most
	// twins, rewrites included, are equal that way. Per packet attribute
	// it holds a digest of the set's tuples, which admit exactly the set.
	// Unequal digests prove nothing.
	Prints map[string]string
}

// setIdentity records an effective permission set on r.
func (r *Resource) setIdentity(attr string, e effectiveSet) {
	sem := r.sem()
	if sem.Identity == nil {
		sem.Identity = make(map[string]iameval.Identity, 1)
	}
	sem.Identity[attr] = e.id
	sem.print(attr, e.print)
	r.warn(e.id.Policies.Warnings(), e.id.Boundary.Warnings())
}

// warn records in Info what the evaluator kept symbolically (an action the
// catalogue lacks, an unknown condition operator), so the evidence of any
// finding on the resource says its verdict compares those as written.
func (r *Resource) warn(lists ...[]string) {
	var all []string
	if old, ok := r.Info["evaluation_warnings"].([]any); ok {
		for _, w := range old {
			all = append(all, w.(string))
		}
	}
	for _, l := range lists {
		all = append(all, l...)
	}
	if len(all) > 0 {
		if r.Info == nil {
			r.Info = map[string]any{}
		}
		r.Info["evaluation_warnings"] = stringSet(all)
	}
}

func (r *Resource) setPolicy(attr string, p compiled, services ...string) {
	sem := r.sem()
	if sem.Policies == nil {
		sem.Policies = make(map[string]*iameval.Policy, 1)
		sem.Scopes = make(map[string]iameval.Scope, 1)
	}
	sem.Policies[attr] = p.policy
	sem.print(attr, p.print)
	r.warn(p.policy.Warnings())
	sem.Scopes[attr] = iameval.Scope{Services: services}
}

func (r *Resource) setPackets(attr string, s netsem.Set, print string) {
	sem := r.sem()
	if sem.Packets == nil {
		sem.Packets = make(map[string]netsem.Set, 2)
	}
	sem.Packets[attr] = s
	sem.print(attr, print)
}

// sem returns r.Sem, made on first use. Its maps are made by the setters
// that fill them: a security group needs no identity or policy map, and
// five empty maps per resource were a measurable share of normalizing.
// Readers only index and range them, which a nil map answers as an empty
// one does.
func (r *Resource) sem() *Semantics {
	if r.Sem == nil {
		r.Sem = &Semantics{}
	}
	return r.Sem
}

func (s *Semantics) print(attr, p string) {
	if s.Prints == nil {
		s.Prints = make(map[string]string, 2)
	}
	s.Prints[attr] = p
}

// doc is one parsed policy document in both forms: grants for people and
// rules, tokenized statements for the evaluator.
type doc struct {
	id     int
	parsed []Statement // as written, not tokenized (federation reads real subjects)
	grants []*grant
	stmts  []iameval.Statement
}

// evalStatements tokenizes statements for the evaluator exactly as grants
// are tokenized, so both sides of a pair compare in one vocabulary. A
// statement without Resource (trust policies) applies to the resource that
// holds it, which the evaluator sees as "*".
func (t *tokenizer) evalStatements(stmts []Statement) []iameval.Statement {
	out := make([]iameval.Statement, len(stmts))
	for i, st := range stmts {
		es := iameval.Statement{
			Effect: st.Effect, NotPrincipal: st.NotPrincipal,
			Actions: st.Actions, NotAction: st.NotAction, NotResource: st.NotResource,
		}
		if len(st.Principals) > 0 { // none stays nil, as appending nothing left it
			es.Principals = make([]string, len(st.Principals))
			for j, p := range st.Principals {
				es.Principals[j] = t.arn(p)
			}
		}
		if len(st.Resources) > 0 {
			es.Resources = make([]string, len(st.Resources))
			for j, r := range st.Resources {
				es.Resources[j] = t.arn(r)
			}
		}
		if len(es.Resources) == 0 && !st.NotResource {
			es.Resources = []string{"*"}
		}
		if len(st.Condition) > 0 {
			es.Condition = make(map[string]map[string][]string, len(st.Condition))
			for op, keys := range st.Condition {
				km := make(map[string][]string, len(keys))
				for k, vals := range keys {
					tv := make([]string, len(vals))
					for j, v := range vals {
						tv[j] = t.apply(v)
					}
					km[k] = tv
				}
				es.Condition[op] = km
			}
		}
		out[i] = es
	}
	return out
}

// compiler caches compiled policies by the set of documents they join:
// accounts attach the same few policies to many identities.
type compiler struct {
	cache map[string]compiled
}

// compiled is a policy with the digest of its tokenized statements and
// its canonical grants, the attribute value people and rules read. The
// grants are shared by every resource that joins the same documents, so
// nothing may modify them.
type compiled struct {
	policy *iameval.Policy
	print  string
	grants []any
}

func (c *compiler) compile(docs []*doc) compiled {
	// The key is built on the stack and looked up without allocating:
	// identities compile the same few sets of documents again and again.
	var idBuf [16]int
	ids := idBuf[:0]
	for _, d := range docs {
		if d != nil {
			ids = append(ids, d.id)
		}
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	var keyBuf [128]byte
	kb := keyBuf[:0]
	for _, id := range ids {
		kb = strconv.AppendInt(kb, int64(id), 10)
		kb = append(kb, ',')
	}
	if p, ok := c.cache[string(kb)]; ok {
		return p
	}
	var stmts []iameval.Statement
	var grants []*grant
	// Each document once, where it first appears. Identities hold a few
	// documents, so a scan of the earlier ones is cheapest; a map keeps a
	// hostile snapshot's thousands of inline policies linear.
	var seen map[int]bool
	if len(docs) > 32 {
		seen = make(map[int]bool, len(docs))
	}
	for i, d := range docs {
		if d == nil {
			continue
		}
		if seen != nil {
			if seen[d.id] {
				continue
			}
			seen[d.id] = true
		} else if listed(docs[:i], d) {
			continue
		}
		stmts = append(stmts, d.stmts...)
		grants = append(grants, d.grants...)
	}
	kept := keptGrants(grants)
	p := compiled{policy: iameval.Compile(stmts), print: keptDigest(kept), grants: grantValues(kept)}
	c.cache[string(kb)] = p
	return p
}

// listed reports whether docs holds d's document; a document is one *doc
// per builder, so its id names it.
func listed(docs []*doc, d *doc) bool {
	for _, o := range docs {
		if o != nil && o.id == d.id {
			return true
		}
	}
	return false
}

// effectiveSet is an effective permission set and its digest.
type effectiveSet struct {
	id    iameval.Identity
	print string
}

func identity(policies compiled, boundary *compiled) effectiveSet {
	e := effectiveSet{id: iameval.Identity{Policies: policies.policy}, print: policies.print}
	if boundary != nil {
		e.id.Boundary = boundary.policy
		e.print += "&" + boundary.print
	}
	return e
}
