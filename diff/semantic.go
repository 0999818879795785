package diff

import (
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/parity-sec/parity/normalize"
	"github.com/parity-sec/parity/normalize/iameval"
	"github.com/parity-sec/parity/normalize/netsem"
)

// Relations of a semantic verdict, named by the side that allows more.
const (
	RelationEqual   = "equal"
	StagingWider    = "staging_wider"
	ProductionWider = "production_wider"
	BothWider       = "both_wider"
)

// maxDeltas bounds the change rows one attribute contributes per side: the
// verdict and its witnesses are exact whatever the bound; the rows are for
// reading.
const maxDeltas = 50

// Verdict is how two twins' access-deciding attribute compare by meaning,
// with a concrete witness for each side that allows something the other
// does not. Witnesses are data (a request or a packet), never text.
type Verdict struct {
	Relation string `json:"relation"`
	// StagingOnly is a request (or packet) staging allows and production does not.
	StagingOnly map[string]any `json:"staging_only,omitempty"`
	// ProductionOnly is the reverse.
	ProductionOnly map[string]any `json:"production_only,omitempty"`
	// StagingReach and ProductionReach grade what each side's extra
	// requests reach (iameval.Reach), for IAM permission sets.
	StagingReach    string `json:"staging_reach,omitempty"`
	ProductionReach string `json:"production_reach,omitempty"`
	// StagingExtra and ProductionExtra describe, readably, what each side
	// admits beyond the other: IAM deltas grouped by service and resource,
	// or network tuples. The change rows are these elements.
	StagingExtra    []any `json:"staging_extra,omitempty"`
	ProductionExtra []any `json:"production_extra,omitempty"`
	// Approximations name where the evaluator could not explore the
	// requests exhaustively (iameval.Verdict.Approximations): the
	// witnesses hold, but more may differ than is listed.
	Approximations []string `json:"approximations,omitempty"`
}

// Approximation is one comparison by meaning that was not exhaustive. It
// matters most where it found nothing: those twins are reported equal
// without proof.
type Approximation struct {
	Resource  string   `json:"resource"`
	Attribute string   `json:"attribute"`
	Notes     []string `json:"notes"`
}

func relation(left, right bool) string {
	switch {
	case left && right:
		return BothWider
	case left:
		return StagingWider
	case right:
		return ProductionWider
	}
	return RelationEqual
}

// judgement is what the comparison by meaning decided for one pair: a
// verdict for each attribute that differs, and what each comparison
// approximated. The attributes judged are eachJudged's; the structural
// comparison skips them: for those, only a difference in meaning is a
// change.
type judgement struct {
	verdicts map[string]*Verdict
	notes    map[string][]string // attribute -> approximations, equal or not
}

// judge compares the attributes whose meaning normalize compiled. It reads
// only its arguments, so pairs are judged in parallel.
func judge(s, p *normalize.Resource) judgement {
	j := judgement{verdicts: map[string]*Verdict{}, notes: map[string][]string{}}
	eachJudged(s, p, func(attr string) bool {
		if samePrint(s, p, attr) {
			return true
		}
		var v *Verdict
		var notes []string
		if sid, ok := s.Sem.Identity[attr]; ok {
			v, notes = identityVerdict(sid, p.Sem.Identity[attr])
		} else if sp, ok := s.Sem.Policies[attr]; ok {
			v, notes = policyVerdict(sp, p.Sem.Policies[attr], s.Sem.Scopes[attr])
		} else {
			v = PacketVerdict(s.Sem.Packets[attr], p.Sem.Packets[attr])
		}
		if v != nil {
			j.verdicts[attr] = v
		}
		if len(notes) > 0 {
			j.notes[attr] = notes
		}
		return true
	})
	return j
}

// judgeAll judges, on every core, the pairs whose compiled semantics may
// differ: a comparison by meaning costs milliseconds where a structural
// one costs microseconds, and pairs are independent. A pair whose every
// judged attribute has equal digests on both sides (most twins) has
// nothing to judge and gets no entry; the zero judgement is its verdict.
func judgeAll(staging, production *normalize.Environment, keys []string) map[string]judgement {
	var work []string
	for _, k := range keys {
		s, p := staging.Resources[k], production.Resources[k]
		if s != nil && p != nil && s.Sem != nil && p.Sem != nil && needsJudging(s, p) {
			work = append(work, k)
		}
	}
	out := make([]judgement, len(work))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(work)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(work) {
					return
				}
				out[i] = judge(staging.Resources[work[i]], production.Resources[work[i]])
			}
		})
	}
	wg.Wait()
	m := make(map[string]judgement, len(work))
	for i, k := range work {
		m[k] = out[i]
	}
	return m
}

// judged: the pair's attribute is compiled on both sides, in one of the
// Semantics maps, so judge judges it by meaning and the structural
// comparison skips it.
func judged(s, p *normalize.Resource, attr string) bool {
	if s.Sem == nil || p.Sem == nil {
		return false
	}
	_, si := s.Sem.Identity[attr]
	_, pi := p.Sem.Identity[attr]
	_, sp := s.Sem.Policies[attr]
	_, pp := p.Sem.Policies[attr]
	_, sn := s.Sem.Packets[attr]
	_, pn := p.Sem.Packets[attr]
	return si && pi || sp && pp || sn && pn
}

// eachJudged calls f with each attribute the pair is judged on by meaning
// (see judged), until f returns false.
func eachJudged(s, p *normalize.Resource, f func(attr string) bool) {
	for attr := range s.Sem.Identity {
		if _, ok := p.Sem.Identity[attr]; ok && !f(attr) {
			return
		}
	}
	for attr := range s.Sem.Policies {
		if _, ok := p.Sem.Policies[attr]; ok && !f(attr) {
			return
		}
	}
	for attr := range s.Sem.Packets {
		if _, ok := p.Sem.Packets[attr]; ok && !f(attr) {
			return
		}
	}
}

// needsJudging: some attribute the pair is judged on has no equal digest
// on both sides; judge finds nothing to say about any other pair.
func needsJudging(s, p *normalize.Resource) bool {
	found := false
	eachJudged(s, p, func(attr string) bool {
		found = !samePrint(s, p, attr)
		return !found
	})
	return found
}

// samePrint: the attribute has one non-empty digest on both sides, so it
// means the same (normalize.Semantics.Prints).
func samePrint(s, p *normalize.Resource, attr string) bool {
	sp, ok := s.Sem.Prints[attr]
	return ok && sp != "" && sp == p.Sem.Prints[attr]
}

// record keeps a verdict and emits one change row per extra element.
func (c *comparer) record(attr string, v *Verdict) {
	if v == nil {
		return
	}
	c.verdict(attr, *v)
	for _, e := range v.StagingExtra {
		c.emit(OnlyStaging, attr, e, nil)
	}
	for _, e := range v.ProductionExtra {
		c.emit(OnlyProduction, attr, nil, e)
	}
}

func (c *comparer) verdict(attr string, v Verdict) {
	if c.verdicts == nil {
		c.verdicts = map[string]Verdict{}
	}
	c.verdicts[attr] = v
}

// IdentityVerdict compares two effective permission sets; nil when they
// allow exactly the same requests.
func IdentityVerdict(s, p iameval.Identity) *Verdict {
	v, _ := identityVerdict(s, p)
	return v
}

// identityVerdict is IdentityVerdict and what the comparison approximated,
// which is kept even when it found nothing.
func identityVerdict(s, p iameval.Identity) (*Verdict, []string) {
	// Differences is exact in both directions, so it decides the relation
	// too: building the request space once instead of twice is most of a
	// comparison's cost. Grade over every delta, then keep the first
	// maxDeltas for reading: the truncated list must not decide severity.
	sd, pd, notes := iameval.DifferencesNoted(s, p, 0)
	if len(sd) == 0 && len(pd) == 0 {
		return nil, notes
	}
	sg, pg := grade(sd), grade(pd)
	out := &Verdict{
		Relation:        relation(len(sd) > 0, len(pd) > 0),
		StagingOnly:     requestValue(readable(severest(sd, sg), s, p)),
		ProductionOnly:  requestValue(readable(severest(pd, pg), p, s)),
		StagingExtra:    deltaRows(sd, sg, s, p),
		ProductionExtra: deltaRows(pd, pg, p, s),
		Approximations:  notes,
	}
	if len(sd) > 0 {
		out.StagingReach = string(sg[indexOfSeverest(sg)])
	}
	if len(pd) > 0 {
		out.ProductionReach = string(pg[indexOfSeverest(pg)])
	}
	return out, notes
}

// grade grades each delta once: the verdict's reach, its headline witness
// and the merged rows all read these grades.
func grade(ds []iameval.Delta) []iameval.Reach {
	out := make([]iameval.Reach, len(ds))
	for i := range ds {
		out[i] = iameval.GradeDeltas(ds[i : i+1])
	}
	return out
}

// indexOfSeverest is the first of the most severe grades.
func indexOfSeverest(gs []iameval.Reach) int {
	best := 0
	for i := 1; i < len(gs); i++ {
		if gs[i].More(gs[best]) {
			best = i
		}
	}
	return best
}

// deltaRows are the readable rows of one direction: whole services on the
// same resource and conditions joined, at most maxDeltas.
func deltaRows(ds []iameval.Delta, grades []iameval.Reach, yes, no iameval.Identity) []any {
	merged, services := mergeWholeServices(ds, grades)
	var out []any
	for i, d := range merged[:min(len(merged), maxDeltas)] {
		d.Witness = *readable(&d.Witness, yes, no)
		v := deltaValue(d)
		if l, ok := services[i]; ok {
			v["service"] = "*"
			v["services"] = anyList(l)
		}
		out = append(out, v)
	}
	return out
}

// severest picks, as the headline witness, the witness of the delta that
// reaches the most (an iam action rather than the alphabetically first
// service's); nil without deltas.
func severest(ds []iameval.Delta, grades []iameval.Reach) *iameval.Witness {
	if len(ds) == 0 {
		return nil
	}
	x := ds[indexOfSeverest(grades)].Witness
	return &x
}

// readable spells an empty witness resource as "*" when that request is
// still allowed by one side and not the other: both are witnesses, and
// "*" reads as "any resource" where "" reads as a bug.
func readable(w *iameval.Witness, yes, no iameval.Identity) *iameval.Witness {
	if w == nil || w.Request.Resource != "" {
		return w
	}
	r := w.Request
	r.Resource = "*"
	if yes.Allows(r) && !no.Allows(r) {
		x := *w
		x.Request = r
		return &x
	}
	return w
}

// PolicyVerdict compares two resource-based or trust policies, principals
// included; nil when they allow the same requests.
func PolicyVerdict(s, p *iameval.Policy) *Verdict { return PolicyVerdictIn(s, p, iameval.Scope{}) }

// PolicyVerdictIn is PolicyVerdict over the actions of the scope's
// services: the ones that can act on the resource holding the policy.
func PolicyVerdictIn(s, p *iameval.Policy, sc iameval.Scope) *Verdict {
	v, _ := policyVerdict(s, p, sc)
	return v
}

// policyVerdict is PolicyVerdictIn and what the comparison approximated.
func policyVerdict(s, p *iameval.Policy, sc iameval.Scope) (*Verdict, []string) {
	v := iameval.ComparePolicyIn(s, p, sc)
	if v.LeftOnly == nil && v.RightOnly == nil {
		return nil, v.Approximations
	}
	sid, pid := iameval.Identity{Policies: s}, iameval.Identity{Policies: p}
	out := &Verdict{
		Relation:       relation(v.LeftOnly != nil, v.RightOnly != nil),
		StagingOnly:    requestValue(readable(v.LeftOnly, sid, pid)),
		ProductionOnly: requestValue(readable(v.RightOnly, pid, sid)),
		Approximations: v.Approximations,
	}
	if out.StagingOnly != nil {
		out.StagingExtra = []any{map[string]any{"witness": out.StagingOnly}}
	}
	if out.ProductionOnly != nil {
		out.ProductionExtra = []any{map[string]any{"witness": out.ProductionOnly}}
	}
	return out, v.Approximations
}

// PacketVerdict compares two admitted packet sets; nil when equal. The
// extra elements are the side's own canonical tuples that the other side
// does not wholly admit, each with a witness packet the other side
// refuses: readable rows ("tcp 5432 from 0.0.0.0/0") where the exact
// difference would be a dozen split prefixes, and each one proven.
func PacketVerdict(s, p netsem.Set) *Verdict {
	v := netsem.Compare(s, p)
	if v.LeftOnly == nil && v.RightOnly == nil {
		return nil
	}
	out := &Verdict{
		Relation:       relation(v.LeftOnly != nil, v.RightOnly != nil),
		StagingOnly:    PacketValue(v.LeftOnly),
		ProductionOnly: PacketValue(v.RightOnly),
	}
	out.StagingExtra = uncovered(s, p)
	out.ProductionExtra = uncovered(p, s)
	return out
}

func uncovered(s, other netsem.Set) []any {
	var out []any
	for _, t := range s.Tuples() {
		one, err := netsem.FromTuples([]netsem.Tuple{t})
		if err != nil {
			continue // tuples of a set always rebuild it
		}
		extra := one.Minus(other)
		if extra.Empty() {
			continue
		}
		v := normalize.TupleValue(t)
		v["witness"] = PacketValue(extra.Witness())
		out = append(out, v)
	}
	return out
}

// requestValue is a witness request as data: principal, action, resource,
// the context it assumes, and those assumptions in words.
func requestValue(w *iameval.Witness) map[string]any {
	if w == nil {
		return nil
	}
	m := map[string]any{"action": w.Request.Action, "resource": w.Request.Resource}
	if w.Request.Principal != "" {
		m["principal"] = w.Request.Principal
	}
	if len(w.Request.Context) > 0 {
		ctx := make(map[string]any, len(w.Request.Context))
		for k, vs := range w.Request.Context {
			l := make([]any, len(vs))
			for i, v := range vs {
				l[i] = v
			}
			ctx[k] = l
		}
		m["context"] = ctx
	}
	if len(w.Assumptions) > 0 {
		m["assumptions"] = anyList(w.Assumptions)
	}
	return m
}

func deltaValue(d iameval.Delta) map[string]any {
	m := map[string]any{
		"service":  d.Service,
		"actions":  anyList(d.Actions),
		"resource": d.Resource,
		"witness":  requestValue(&d.Witness),
	}
	if len(d.Conditions) > 0 {
		m["conditions"] = anyList(d.Conditions)
	}
	return m
}

// PacketValue is a witness packet as data: protocol, port or ICMP type
// and code, address or peer, and its text.
func PacketValue(p *netsem.Packet) map[string]any {
	if p == nil {
		return nil
	}
	m := map[string]any{"protocol": p.Protocol, "text": p.String()}
	if p.Port >= 0 {
		m["port"] = p.Port
	}
	if p.ICMPType >= 0 {
		m["icmp_type"], m["icmp_code"] = p.ICMPType, p.ICMPCode
	}
	if p.Peer != "" {
		m["peer"] = p.Peer
	} else {
		m["address"] = p.Addr.String()
	}
	return m
}

func anyList(l []string) []any {
	s := append([]string(nil), l...)
	sort.Strings(s)
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// mergeWholeServices joins deltas that each hold a whole service on the
// same resource under the same conditions into one row, and returns the
// services of each merged row by its index: an admin drift is one row
// "every action of 456 services on *", not one row per service. The merged
// row keeps the severest witness of its members.
func mergeWholeServices(ds []iameval.Delta, grades []iameval.Reach) ([]iameval.Delta, map[int][]string) {
	type key struct{ resource, conds string }
	groups := map[key][]int{}
	for i, d := range ds {
		if len(d.Actions) == 1 && d.Actions[0] == "*" {
			k := key{d.Resource, strings.Join(d.Conditions, "\x00")}
			groups[k] = append(groups[k], i)
		}
	}
	drop := map[int]bool{}
	merged := map[int]iameval.Delta{}
	lists := map[int][]string{}
	for _, idx := range groups {
		if len(idx) < 2 {
			continue
		}
		members := make([]iameval.Delta, len(idx))
		memberGrades := make([]iameval.Reach, len(idx))
		services := make([]string, len(idx))
		for j, i := range idx {
			members[j], memberGrades[j], services[j] = ds[i], grades[i], ds[i].Service
			drop[i] = true
		}
		m := ds[idx[0]]
		m.Witness = *severest(members, memberGrades)
		merged[idx[0]] = m
		lists[idx[0]] = services
	}
	out := make([]iameval.Delta, 0, len(ds))
	at := map[int][]string{}
	for i, d := range ds {
		if m, ok := merged[i]; ok {
			at[len(out)] = lists[i]
			out = append(out, m)
			continue
		}
		if !drop[i] {
			out = append(out, d)
		}
	}
	return out, at
}
