package iameval

import (
	"encoding/binary"
	"fmt"
	"sort"
	"strings"
)

// Relation orders two permission sets.
type Relation string

const (
	Equal      Relation = "equal"
	LeftWider  Relation = "left_wider"
	RightWider Relation = "right_wider"
	BothWider  Relation = "both_wider"
)

// Witness is a concrete request one side allows and the other does not,
// with the context facts it relies on in words.
type Witness struct {
	Request     Request
	Assumptions []string
}

// Verdict is the relation with a witness for each direction that differs.
// Approximations lists where the comparison was not exact (empty when it
// was); the relation is then still backed by its witnesses, but "equal"
// may be wrong.
type Verdict struct {
	Relation       Relation
	LeftOnly       *Witness
	RightOnly      *Witness
	Approximations []string
}

// side is one permission set: policies, optionally cut by a boundary.
type side struct{ pol, bnd *Policy }

// CompareIdentity compares two identities' effective permissions
// (identity policies within their boundaries); principals are ignored.
func CompareIdentity(a, b Identity) Verdict { return CompareIdentityIn(a, b, Scope{}) }

// CompareIdentityIn is CompareIdentity over the actions of the scope only.
func CompareIdentityIn(a, b Identity, sc Scope) Verdict {
	return compareSides(side{a.Policies, a.Boundary}, side{b.Policies, b.Boundary}, false, sc)
}

// ComparePolicy compares two resource or trust policies, principals included.
func ComparePolicy(a, b *Policy) Verdict { return ComparePolicyIn(a, b, Scope{}) }

// ComparePolicyIn is ComparePolicy over the actions of the scope only: a
// KMS key policy only ever decides kms actions, a trust policy sts ones.
func ComparePolicyIn(a, b *Policy, sc Scope) Verdict {
	return compareSides(side{pol: a}, side{pol: b}, true, sc)
}

// Scope restricts a comparison to the actions of some services (lower-case
// prefixes); the zero Scope is every action.
type Scope struct{ Services []string }

func (sc Scope) filter() func(string) bool {
	if len(sc.Services) == 0 {
		return nil
	}
	in := map[string]bool{}
	for _, s := range sc.Services {
		in[strings.ToLower(s)] = true
	}
	return func(p string) bool { return in[strings.ToLower(p)] }
}

func compareSides(a, b side, usePrincipal bool, sc Scope) Verdict {
	if samePolicy(a.pol, b.pol) && samePolicy(a.bnd, b.bnd) {
		return Verdict{Relation: Equal}
	}
	sp := newSpace([]*Policy{a.pol, a.bnd, b.pol, b.bnd}, usePrincipal, false, sc)
	var v Verdict
	sp.cells(func(c *cell) bool {
		if v.LeftOnly == nil {
			v.LeftOnly = c.find(a, b)
		}
		if v.RightOnly == nil {
			v.RightOnly = c.find(b, a)
		}
		return v.LeftOnly == nil || v.RightOnly == nil
	})
	switch {
	case v.LeftOnly != nil && v.RightOnly != nil:
		v.Relation = BothWider
	case v.LeftOnly != nil:
		v.Relation = LeftWider
	case v.RightOnly != nil:
		v.Relation = RightWider
	default:
		v.Relation = Equal
	}
	v.Approximations = sp.approximations()
	return v
}

func (sp *space) approximations() []string {
	var out []string
	for n := range sp.notes {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// AdminEquivalent reports whether the identity allows every catalog action
// on every resource, each in some context: effective "*:*" on "*".
func AdminEquivalent(id Identity) bool {
	s := side{id.Policies, id.Boundary}
	pols := []*Policy{id.Policies, id.Boundary}
	// Admin allows every resource, so one resource no pattern names must
	// be allowed for every action: a cheap test that rules out almost
	// every policy before the resource space is explored.
	if !adminOn(s, newSpaceOn(pols, false, false, Scope{}, []string{"arn:aws:parity:::fresh"})) {
		return false
	}
	return adminOn(s, newSpace(pols, false, false, Scope{}))
}

func adminOn(s side, sp *space) bool {
	if sp.u.total == 0 {
		return false
	}
	admin := true
	sp.cells(func(c *cell) bool {
		if sp.acts[c.ai].symbolic {
			return true
		}
		if c.find(s, side{}) == nil {
			admin = false
		}
		return admin
	})
	return admin
}

// cell is one (action class, resource class, principal class) of a space.
type cell struct {
	sp         *space
	ai, ri, pi int
}

// cells visits every cell until f returns false.
func (sp *space) cells(f func(*cell) bool) {
	for ai := range sp.acts {
		for ri := range sp.res {
			for pi := range sp.prins {
				if !f(&cell{sp, ai, ri, pi}) {
					return
				}
			}
		}
	}
}

func (c *cell) applies(s *stmt) bool {
	ix := c.sp.idx[s]
	if c.sp.acts[c.ai].gsig.get(ix.actGrp) == s.notAction {
		return false
	}
	if !s.anyRes && c.sp.res[c.ri].gsig.get(ix.resGrp) == s.notRes {
		return false
	}
	if !c.sp.usePrincipal || s.anyPrin {
		return true
	}
	hit := ix.prinStar || c.sp.prins[c.pi].gsig.get(ix.prinGrp)
	return hit != s.notPrin
}

// applicable lists the statements of p that apply to the cell, into buf.
func (c *cell) applicable(p *Policy, buf []*stmt) []*stmt {
	if p == nil {
		return nil
	}
	out := buf[:0]
	for _, s := range p.stmts {
		if c.applies(s) {
			out = append(out, s)
		}
	}
	return out
}

// find returns a witness request in this cell that side x allows and side
// y does not, or nil. A zero side (no policies) allows nothing.
func (c *cell) find(x, y side) *Witness {
	// The lists live in the space's buffers: nothing below keeps them.
	sp := c.sp
	xs := [2][]*stmt{c.applicable(x.pol, sp.lists[0]), c.applicable(x.bnd, sp.lists[1])}
	sp.lists[0], sp.lists[1] = keepBuf(sp.lists[0], xs[0]), keepBuf(sp.lists[1], xs[1])
	if !hasAllow(xs[0]) || (x.bnd != nil && !hasAllow(xs[1])) {
		return nil
	}
	ys := [2][]*stmt{c.applicable(y.pol, sp.lists[2]), c.applicable(y.bnd, sp.lists[3])}
	sp.lists[2], sp.lists[3] = keepBuf(sp.lists[2], ys[0]), keepBuf(sp.lists[3], ys[1])
	// Identical statements decide identically: no difference is possible.
	if (x.bnd == nil) == (y.bnd == nil) && sameStmts(xs[0], ys[0]) && sameStmts(xs[1], ys[1]) {
		return nil
	}
	// Cells with the same applicable statements have the same answer in
	// context; only the action and resource of the witness differ.
	sp.mkey = memoKey(sp.mkey[:0], sp, xs, ys, x.bnd != nil, y.bnd != nil)
	if m, ok := sp.memo[string(sp.mkey)]; ok {
		if m == nil {
			return nil
		}
		return c.witness(m.keys, m.choice)
	}
	w, keys, choice := c.search(x, y, xs, ys)
	if w == nil {
		sp.memo[string(sp.mkey)] = nil
	} else {
		sp.memo[string(sp.mkey)] = &memoEntry{keys, choice}
	}
	return w
}

// keepBuf keeps the larger of a buffer and what was appended to it.
func keepBuf(buf, l []*stmt) []*stmt {
	if cap(l) > cap(buf) {
		return l
	}
	return buf
}

type memoEntry struct {
	keys   []*keySpace
	choice []int
}

// memoKey appends to b the statements of the four lists by their number
// in the space (uvarint of number+1, never a 0 byte), each list ended by a
// 0, then the two boundary flags.
func memoKey(b []byte, sp *space, xs, ys [2][]*stmt, xb, yb bool) []byte {
	for _, l := range [4][]*stmt{xs[0], xs[1], ys[0], ys[1]} {
		for _, s := range l {
			b = binary.AppendUvarint(b, uint64(sp.idx[s].id)+1)
		}
		b = append(b, 0)
	}
	flag := func(v bool) byte {
		if v {
			return 1
		}
		return 0
	}
	return append(b, flag(xb), flag(yb))
}

func sameStmts(a, b []*stmt) bool {
	if len(a) != len(b) {
		return false
	}
	switch len(a) {
	case 0:
		return true
	case 1:
		return a[0] == b[0] || a[0].print() == b[0].print()
	}
	fa := make([]string, len(a))
	fb := make([]string, len(b))
	for i := range a {
		fa[i], fb[i] = a[i].print(), b[i].print()
	}
	sort.Strings(fa)
	sort.Strings(fb)
	for i := range fa {
		if fa[i] != fb[i] {
			return false
		}
	}
	return true
}

// search enumerates the context options of the keys the cell's statements
// test, for one that x allows and y does not.
func (c *cell) search(x, y side, xs, ys [2][]*stmt) (*Witness, []*keySpace, []int) {
	var keys []*keySpace
	seen := map[string]bool{}
	for _, l := range [][]*stmt{xs[0], xs[1], ys[0], ys[1]} {
		for _, s := range l {
			for _, cl := range s.clauses {
				if !seen[cl.key] {
					seen[cl.key] = true
					keys = append(keys, c.sp.key(cl.key))
				}
			}
		}
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].name < keys[j].name })
	choice := make([]int, len(keys))
	pos := map[string]int{}
	for i, k := range keys {
		pos[k.name] = i
	}
	allowed := func(sd side, l [2][]*stmt) bool {
		if decideStmts(l[0], keys, pos, choice) != Allow {
			return false
		}
		return sd.bnd == nil || decideStmts(l[1], keys, pos, choice) == Allow
	}
	for {
		if allowed(x, xs) && (y.pol == nil || !allowed(y, ys)) {
			return c.witness(keys, choice), keys, append([]int(nil), choice...)
		}
		i := 0
		for ; i < len(keys); i++ {
			choice[i]++
			if choice[i] < len(keys[i].opts) {
				break
			}
			choice[i] = 0
		}
		if i == len(keys) {
			return nil, nil, nil
		}
	}
}

func hasAllow(l []*stmt) bool {
	for _, s := range l {
		if !s.deny {
			return true
		}
	}
	return false
}

func decideStmts(l []*stmt, keys []*keySpace, pos map[string]int, choice []int) Decision {
	d := ImplicitDeny
	for _, s := range l {
		ok := true
		for _, cl := range s.clauses {
			k := keys[pos[cl.key]]
			if !k.truth[choice[pos[cl.key]]][k.clauses[cl]] {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		if s.deny {
			return ExplicitDeny
		}
		d = Allow
	}
	return d
}

func (c *cell) witness(keys []*keySpace, choice []int) *Witness {
	w := &Witness{Request: Request{
		Action:   c.sp.acts[c.ai].rep,
		Resource: c.sp.res[c.ri].witness,
	}}
	if c.sp.usePrincipal {
		w.Request.Principal = c.sp.prins[c.pi].witness
	}
	for i, k := range keys {
		o := k.opts[choice[i]]
		if o == nil {
			w.Assumptions = append(w.Assumptions, k.name+" absent")
			continue
		}
		if w.Request.Context == nil {
			w.Request.Context = map[string][]string{}
		}
		var vals []string
		for _, vi := range o {
			vals = append(vals, k.vals[vi])
		}
		w.Request.Context[k.name] = vals
		q := make([]string, len(vals))
		for i, v := range vals {
			q[i] = fmt.Sprintf("%q", v)
		}
		w.Assumptions = append(w.Assumptions, k.name+" = "+strings.Join(q, ", "))
	}
	return w
}

// samePolicy: the same statements, in any order.
func samePolicy(a, b *Policy) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a == b || sameStmts(a.stmts, b.stmts)
}
