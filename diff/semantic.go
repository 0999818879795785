package diff

import (
	"sort"

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

// semantic compares the attributes whose meaning normalize compiled and
// returns the names it judged, so the structural comparison skips them:
// for those attributes, only a difference in meaning is a change.
func (c *comparer) semantic(s, p *normalize.Resource) map[string]bool {
	if s.Sem == nil || p.Sem == nil {
		return nil
	}
	done := map[string]bool{}
	same := func(attr string) bool {
		sp, ok := s.Sem.Prints[attr]
		return ok && sp != "" && sp == p.Sem.Prints[attr]
	}
	for attr, sid := range s.Sem.Identity {
		pid, ok := p.Sem.Identity[attr]
		if !ok {
			continue
		}
		done[attr] = true
		if !same(attr) {
			c.identity(attr, sid, pid)
		}
	}
	for attr, sp := range s.Sem.Policies {
		pp, ok := p.Sem.Policies[attr]
		if !ok {
			continue
		}
		done[attr] = true
		if !same(attr) {
			c.policy(attr, sp, pp)
		}
	}
	for attr, ss := range s.Sem.Packets {
		ps, ok := p.Sem.Packets[attr]
		if !ok {
			continue
		}
		done[attr] = true
		c.packets(attr, ss, ps)
	}
	return done
}

func (c *comparer) verdict(attr string, v Verdict) {
	if c.verdicts == nil {
		c.verdicts = map[string]Verdict{}
	}
	c.verdicts[attr] = v
}

func (c *comparer) identity(attr string, s, p iameval.Identity) {
	c.record(attr, IdentityVerdict(s, p))
}

func (c *comparer) policy(attr string, s, p *iameval.Policy) {
	c.record(attr, PolicyVerdict(s, p))
}

func (c *comparer) packets(attr string, s, p netsem.Set) {
	c.record(attr, PacketVerdict(s, p))
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

// IdentityVerdict compares two effective permission sets; nil when they
// allow exactly the same requests.
func IdentityVerdict(s, p iameval.Identity) *Verdict {
	v := iameval.CompareIdentity(s, p)
	if v.LeftOnly == nil && v.RightOnly == nil {
		return nil
	}
	sd, pd := iameval.Differences(s, p, maxDeltas)
	out := &Verdict{
		Relation:       relation(v.LeftOnly != nil, v.RightOnly != nil),
		StagingOnly:    requestValue(v.LeftOnly),
		ProductionOnly: requestValue(v.RightOnly),
	}
	if len(sd) > 0 {
		out.StagingReach = string(iameval.GradeDeltas(sd))
	}
	if len(pd) > 0 {
		out.ProductionReach = string(iameval.GradeDeltas(pd))
	}
	for _, d := range sd {
		out.StagingExtra = append(out.StagingExtra, deltaValue(d))
	}
	for _, d := range pd {
		out.ProductionExtra = append(out.ProductionExtra, deltaValue(d))
	}
	return out
}

// PolicyVerdict compares two resource-based or trust policies, principals
// included; nil when they allow the same requests.
func PolicyVerdict(s, p *iameval.Policy) *Verdict {
	v := iameval.ComparePolicy(s, p)
	if v.LeftOnly == nil && v.RightOnly == nil {
		return nil
	}
	out := &Verdict{
		Relation:       relation(v.LeftOnly != nil, v.RightOnly != nil),
		StagingOnly:    requestValue(v.LeftOnly),
		ProductionOnly: requestValue(v.RightOnly),
	}
	if out.StagingOnly != nil {
		out.StagingExtra = []any{map[string]any{"witness": out.StagingOnly}}
	}
	if out.ProductionOnly != nil {
		out.ProductionExtra = []any{map[string]any{"witness": out.ProductionOnly}}
	}
	return out
}

// PacketVerdict compares two admitted packet sets; nil when equal. The
// extra elements are the canonical tuples of each side's difference, each
// with a witness packet inside it.
func PacketVerdict(s, p netsem.Set) *Verdict {
	v := netsem.Compare(s, p)
	if v.LeftOnly == nil && v.RightOnly == nil {
		return nil
	}
	out := &Verdict{
		Relation:       relation(v.LeftOnly != nil, v.RightOnly != nil),
		StagingOnly:    packetValue(v.LeftOnly),
		ProductionOnly: packetValue(v.RightOnly),
	}
	for _, t := range s.Minus(p).Tuples() {
		out.StagingExtra = append(out.StagingExtra, normalize.TupleValue(t))
	}
	for _, t := range p.Minus(s).Tuples() {
		out.ProductionExtra = append(out.ProductionExtra, normalize.TupleValue(t))
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
		m["assumptions"] = strings(w.Assumptions)
	}
	return m
}

func deltaValue(d iameval.Delta) map[string]any {
	m := map[string]any{
		"service":  d.Service,
		"actions":  strings(d.Actions),
		"resource": d.Resource,
		"witness":  requestValue(&d.Witness),
	}
	if len(d.Conditions) > 0 {
		m["conditions"] = strings(d.Conditions)
	}
	return m
}

func packetValue(p *netsem.Packet) map[string]any {
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

func strings(l []string) []any {
	s := append([]string(nil), l...)
	sort.Strings(s)
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}
