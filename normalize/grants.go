package normalize

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"
)

// grant is one (effect, principal, action, resource, condition) tuple.
type grant struct {
	effect       string
	principal    string // identity of the element; see axisValue
	notPrincipal bool
	action       string
	notAction    bool
	resource     string
	notResource  bool
	// principalVal, actionVal, resourceVal are what reports and rules see:
	// a string, or the sorted list of a negated element.
	principalVal, actionVal, resourceVal any
	cond                                 map[string]any
	condKey                              string // canonical JSON of cond, for identity
	// shape groups grants that may subsume one another (same effect,
	// principal, negations and condition); id is the grant's key.
	shape, id string
	val       map[string]any // cached canonical value; shared, never mutated
	// noCond is the empty condition value the tokenizer's grants share
	// (never mutated, like val): a map per grant without a Condition was
	// a tenth of the grants' allocations.
	noCond map[string]any
}

func (g *grant) key() string { return g.id }

// sealShape computes the identity strings once: they are compared many
// times. Every grant of one statement and principal has the same shape,
// which grantsOf builds once.
func (g *grant) sealShape(shape string) *grant {
	g.shape = shape
	g.id = shape + "\x00" + g.action + "\x00" + g.resource
	return g
}

func shapeOf(effect, principal string, notPrincipal, notAction, notResource bool, condKey string) string {
	return effect + "\x00" + principal + "\x00" + flag(notPrincipal) + flag(notAction) + flag(notResource) + "\x00" + condKey
}

func flag(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

func (g *grant) value() map[string]any {
	if g.val != nil {
		return g.val
	}
	cond := g.cond
	if cond == nil {
		cond = g.noCond
	}
	if cond == nil {
		cond = map[string]any{}
	}
	g.val = map[string]any{
		"effect": g.effect, "principal": g.principalVal, "not_principal": g.notPrincipal,
		"action": g.actionVal, "not_action": g.notAction,
		"resource": g.resourceVal, "not_resource": g.notResource,
		"condition": cond,
	}
	return g.val
}

// grantsOf expands parsed statements into tokenized grants. A positive
// list is a union, so each element becomes its own grant; a NotAction,
// NotResource or NotPrincipal list is not (NotAction [a, b] allows less
// than NotAction a plus NotAction b), so a negated list stays whole in one
// grant, as a sorted list value.
func (t *tokenizer) grantsOf(stmts []Statement) []*grant {
	var out []*grant
	for i := range stmts {
		st := &stmts[i]
		cond, condKey := t.condition(st.Condition)
		principals := axis(st.Principals, st.NotPrincipal, t.arn)
		actions := axis(st.Actions, st.NotAction, nil)
		resources := axis(st.Resources, st.NotResource, t.arn)
		for _, p := range principals {
			shape := shapeOf(st.Effect, p.key, st.NotPrincipal, st.NotAction, st.NotResource, condKey)
			for _, a := range actions {
				for _, r := range resources {
					out = append(out, (&grant{
						effect: st.Effect, principal: p.key, principalVal: p.val, notPrincipal: st.NotPrincipal,
						action: a.key, actionVal: a.val, notAction: st.NotAction,
						resource: r.key, resourceVal: r.val, notResource: st.NotResource,
						cond: cond, condKey: condKey, noCond: t.noCond,
					}).sealShape(shape))
				}
			}
		}
	}
	return out
}

// axisValue is one element of a grant's principal, action or resource: a
// string, or for a negated list the whole sorted list; key identifies it.
type axisValue struct {
	key string
	val any
}

// noAxis is the one element of an absent principal or resource list;
// shared, so never modified (axis results are only read).
var noAxis = []axisValue{{key: "", val: ""}}

func axis(l []string, negated bool, tok func(string) string) []axisValue {
	conv := func(s string) string {
		if tok == nil {
			return s
		}
		return tok(s)
	}
	if len(l) == 0 {
		return noAxis
	}
	if negated {
		out := make([]string, len(l))
		for i, s := range l {
			out[i] = conv(s)
		}
		set := stringSet(out)
		keys := make([]string, len(set))
		for i, v := range set {
			keys[i] = keyPart(v.(string))
		}
		return []axisValue{{key: strings.Join(keys, "\x00"), val: set}}
	}
	out := make([]axisValue, len(l))
	for i, s := range l {
		c := conv(s)
		out[i] = axisValue{key: keyPart(c), val: c}
	}
	return out
}

// keyPart spells one element of a grant's key so that the NUL that joins
// elements (in a negated list, and between a grant's principal, action and
// resource) never comes from the element itself: policy text is hostile,
// and NotAction ["a\x00b"] must not key like NotAction ["a", "b"]. NUL and
// \x01 are stuffed (\x01 -> \x01\x01, NUL -> \x01\x02), which is
// injective and leaves every string without them, all real ones, as it is.
func keyPart(s string) string {
	if strings.IndexByte(s, 0) < 0 && strings.IndexByte(s, 1) < 0 {
		return s
	}
	return keyStuffer.Replace(s)
}

var keyStuffer = strings.NewReplacer("\x01", "\x01\x01", "\x00", "\x01\x02")

func (t *tokenizer) condition(c map[string]map[string][]string) (map[string]any, string) {
	if len(c) == 0 {
		return nil, ""
	}
	out := make(map[string]any, len(c))
	for op, keys := range c {
		km := make(map[string]any, len(keys))
		for k, vals := range keys {
			tv := make([]string, len(vals))
			for i, v := range vals {
				tv[i] = t.apply(v)
			}
			km[k] = stringSet(tv)
		}
		out[op] = km
	}
	b, _ := json.Marshal(out) // maps marshal with sorted keys: canonical
	return out, string(b)
}

// canonicalGrants de-duplicates grants, drops every grant that a wider
// grant of the same shape already covers, and returns the sorted set.
func canonicalGrants(gs []*grant) []any { return grantValues(keptGrants(gs)) }

// grantValues renders kept grants as the attribute value.
func grantValues(kept []*grant) []any {
	out := make([]any, len(kept))
	for i, g := range kept {
		out[i] = g.value()
	}
	return out
}

// keptDigest identifies the canonical set of grants keptGrants returned:
// equal digests, equal sets, so equal meaning.
func keptDigest(kept []*grant) string {
	// Each key is length-prefixed: policy text is hostile, and a key that
	// contains a separator must not make two different sets hash alike.
	// The keys are hashed as one buffer, the same bytes a streaming hash
	// was given: writing each key to the hash converted it to a new slice.
	size := 0
	for _, g := range kept {
		size += 8 + len(g.key())
	}
	buf := make([]byte, 0, size)
	for _, g := range kept {
		buf = binary.BigEndian.AppendUint64(buf, uint64(len(g.key())))
		buf = append(buf, g.key()...)
	}
	sum := sha256.Sum256(buf)
	return hex.EncodeToString(sum[:])
}

// keptGrants is the sorted canonical set as grants: one grant per key
// (the last given, as equal keys mean equal grants), less those a grant of
// the same shape covers. Grants are sorted by shape, then key, so equal
// keys and each shape's group are runs; a map per call cost more than the
// sorts on the few grants most identities hold.
func keptGrants(gs []*grant) []*grant {
	byShape := make([]*grant, len(gs))
	copy(byShape, gs)
	slices.SortStableFunc(byShape, func(a, b *grant) int {
		if c := strings.Compare(a.shape, b.shape); c != 0 {
			return c
		}
		return strings.Compare(a.id, b.id)
	})
	uniq := byShape[:0]
	for i, g := range byShape {
		if i+1 < len(byShape) && byShape[i+1].id == g.id {
			continue // the last of equal keys stays
		}
		uniq = append(uniq, g)
	}
	kept := make([]*grant, 0, len(uniq))
	for start := 0; start < len(uniq); {
		end := start + 1
		for end < len(uniq) && uniq[end].shape == uniq[start].shape {
			end++
		}
		kept = append(kept, dropCovered(uniq[start:end])...)
		start = end
	}
	slices.SortFunc(kept, func(a, b *grant) int { return strings.Compare(a.id, b.id) })
	return kept
}

// dropCovered removes grants covered by another grant of the group. Only
// positive action and resource lists subsume: for NotAction or NotResource a
// wider pattern means a narrower grant, so those are kept as written.
//
// A grant o covers g only if each of o's action and resource is equal to
// g's or a wildcard pattern (and not both equal: equal grants were already
// merged). So the candidates for g are found through three indexes instead
// of a scan of the whole group, which keeps documents that expand to
// thousands of grants (some AWS managed policies do) linear in practice.
func dropCovered(group []*grant) []*grant {
	if len(group) < 2 || group[0].notAction || group[0].notResource {
		return group
	}
	wildActSameRes := map[string][]*grant{} // wildcard action, by exact resource
	sameActWildRes := map[string][]*grant{} // wildcard resource, by exact action
	var wildBoth []*grant
	for _, g := range group {
		wa, wr := wild(g.action), wild(g.resource)
		switch {
		case wa && wr:
			wildBoth = append(wildBoth, g)
		case wa:
			wildActSameRes[g.resource] = append(wildActSameRes[g.resource], g)
		case wr:
			sameActWildRes[g.action] = append(sameActWildRes[g.action], g)
		}
	}
	out := make([]*grant, 0, len(group))
	for _, g := range group {
		if coveredBy(g, wildBoth) || coveredBy(g, wildActSameRes[g.resource]) || coveredBy(g, sameActWildRes[g.action]) {
			continue
		}
		out = append(out, g)
	}
	return out
}

func wild(s string) bool { return strings.ContainsAny(s, "*?") }

func coveredBy(g *grant, others []*grant) bool {
	for _, o := range others {
		if o == g {
			continue
		}
		if covers(o.action, g.action) && covers(o.resource, g.resource) {
			// Two grants that cover each other are equal patterns; keep
			// exactly one of them (the smaller key) so the set is stable.
			if covers(g.action, o.action) && covers(g.resource, o.resource) && g.key() < o.key() {
				continue
			}
			return true
		}
	}
	return false
}

// covers reports whether every string matched by pattern b is matched by
// pattern a, for IAM's two wildcards: '*' (any run) and '?' (one character).
// A '*' in b can only be absorbed by a '*' in a, and a '?' in b by '?' or '*'.
func covers(a, b string) bool {
	if a == b || a == "*" {
		return true
	}
	ai, bi := 0, 0
	star, mark := -1, 0
	for bi < len(b) {
		switch {
		case ai < len(a) && a[ai] == '*':
			star, mark = ai, bi
			ai++
		case ai < len(a) && (a[ai] == b[bi] && b[bi] != '*' && b[bi] != '?' ||
			a[ai] == '?' && b[bi] != '*' || a[ai] == '?' && b[bi] == '?' || a[ai] == b[bi] && b[bi] == '?'):
			ai++
			bi++
		case star >= 0:
			ai = star + 1
			mark++
			bi = mark
		default:
			return false
		}
	}
	for ai < len(a) && a[ai] == '*' {
		ai++
	}
	return ai == len(a)
}
