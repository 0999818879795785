package crossing

import (
	"sort"
	"strings"
	"sync"

	"github.com/parity-sec/parity/normalize"
	"github.com/parity-sec/parity/normalize/iameval"
)

// Reach says that a principal of the other environment's account can do
// something sensitive to a resource, through its resource policy (a role's
// trust, a secret's, key's, log destination's or log bucket's policy) or a
// KMS grant. Witness is one request of the most severe access that the
// policy allows, spelled with real ARNs.
type Reach struct {
	Resource  string   `json:"resource"` // canonical key, on Side
	Kind      string   `json:"kind"`
	Side      string   `json:"side"` // the environment that owns the resource
	Direction string   `json:"direction"`
	Owner     Account  `json:"owner"`
	From      Account  `json:"from"`
	ARN       string   `json:"arn"`
	Access    []string `json:"access"`  // sorted classes: administer, assume, decrypt, delete, read, use, write
	Actions   []string `json:"actions"` // the sensitive actions reached, sorted
	Via       []string `json:"via"`     // "policy", "grant"
	Witness   Request  `json:"witness"`
	// Grade is, for a role, what assuming it gives (iameval's reach grade).
	Grade string `json:"grade,omitempty"` // see reach
}

// Request is a witness request with real ARNs and its context.
type Request struct {
	Principal string              `json:"principal"`
	Action    string              `json:"action"`
	Resource  string              `json:"resource"`
	Context   map[string][]string `json:"context,omitempty"`
}

type sensitive struct{ action, class string }

// policyOf names the attribute holding each kind's resource policy and the
// actions whose reach matters, most severe class first.
var policyOf = map[string]struct {
	attr    string
	actions []sensitive
	object  bool // the request resource is an object inside the ARN
}{
	normalize.KindRole: {"trust", []sensitive{{"sts:assumerole", "assume"}}, false},
	normalize.KindSecret: {"resource_policy", []sensitive{{"secretsmanager:putresourcepolicy", "administer"}, {"secretsmanager:deletesecret", "administer"},
		{"secretsmanager:getsecretvalue", "read"}, {"secretsmanager:putsecretvalue", "write"}}, false},
	normalize.KindKMSKey: {"policy", []sensitive{{"kms:putkeypolicy", "administer"}, {"kms:creategrant", "administer"}, {"kms:schedulekeydeletion", "administer"},
		{"kms:decrypt", "decrypt"}, {"kms:encrypt", "use"}, {"kms:generatedatakey", "use"}}, false},
	normalize.KindLogDestination: {"policy", []sensitive{{"logs:putsubscriptionfilter", "write"}}, false},
	normalize.KindBucket:         {"policy", []sensitive{{"s3:deleteobject", "delete"}, {"s3:getobject", "read"}, {"s3:putobject", "write"}}, true},
}

// serviceProbed lists kinds where a service acting for the other account
// is a path (a confused deputy); a role's service trust acts for its own
// account only.
var serviceProbed = map[string]bool{normalize.KindSecret: true, normalize.KindKMSKey: true, normalize.KindLogDestination: true, normalize.KindBucket: true}

// reached is a path found by reach and the resource it opens.
type reached struct {
	Reach
	res *normalize.Resource
}

// reach finds, for every resource policy on side, what the other
// environment's principals can do. A role's grade is left to the caller:
// Trace drops the role paths a chain names, and grades only the rest.
func (p *pair) reach(side string) []reached {
	if p.envs[other(side)].AccountID == "" {
		return nil
	}
	var out []reached
	// Roles: scanSide kept the ones whose trust may admit the other
	// account (the others give no probe, and a role has no grants).
	for _, rr := range p.scans[sideIndex(side)].roles {
		if rc, ok := p.reachOne(side, rr.r, rr.aws, rr.svc); ok {
			out = append(out, reached{rc, rr.r})
		}
	}
	kinds := make([]string, 0, len(policyOf))
	for k := range policyOf {
		if k != normalize.KindRole {
			kinds = append(kinds, k)
		}
	}
	for _, r := range p.keysOf(side, kinds...) {
		var aws, svc bool
		if attr := policyOf[r.Kind].attr; r.Sem != nil && r.Sem.Policies[attr] != nil {
			aws, svc = admitsOther(r.Attrs[attr])
		}
		if rc, ok := p.reachOne(side, r, aws, svc); ok {
			out = append(out, reached{rc, r})
		}
	}
	return out // Trace sorts the paths
}

// reachOne probes one resource; aws and svc are what admitsOther says of
// its policy (both false without one).
func (p *pair) reachOne(side string, r *normalize.Resource, aws, svc bool) (Reach, bool) {
	e, spec := p.envs[side], policyOf[r.Kind]
	var pol *iameval.Policy
	if r.Sem != nil {
		pol = r.Sem.Policies[spec.attr]
	}
	var probes []probe
	if pol != nil && (aws || svc) {
		probes = p.probes(side, r, spec.attr, serviceProbed[r.Kind], aws)
	}
	var grants []kmsGrant
	if r.Kind == normalize.KindKMSKey {
		grants = grantsReaching(r)
	}
	if len(probes) == 0 && len(grants) == 0 {
		return Reach{}, false // most resources: nothing of the other account to try
	}
	arn := infoString(r, "arn")
	resource := e.Canonical(arn)
	if spec.object {
		resource += "/parity-probe"
	}
	rc := Reach{Resource: r.Key, Kind: r.Kind, Side: side, Direction: direction(other(side)),
		Owner: p.account(side), From: p.account(other(side)), ARN: arn}
	access, actions, via := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, s := range spec.actions {
		for _, pr := range probes {
			req := iameval.Request{Principal: pr.principal, Action: s.action, Resource: resource, Context: pr.ctx}
			if pol.Decide(req) != iameval.Allow || !p.callerAllows(side, pr, s.action, arn) {
				continue
			}
			if len(access) == 0 {
				rc.Witness = p.witness(side, pr, s.action, arn)
			}
			access[s.class], actions[s.action], via["policy"] = true, true, true
			break
		}
	}
	for _, g := range grants {
		for _, op := range g.ops {
			class := grantClass(op)
			if len(access) == 0 {
				rc.Witness = Request{Principal: p.real(side, g.grantee), Action: op, Resource: arn}
			}
			access[class], actions[op], via["grant"] = true, true, true
		}
	}
	if len(access) == 0 {
		return Reach{}, false
	}
	rc.Access, rc.Actions, rc.Via = setList(access), setList(actions), setList(via)
	return rc, true
}

// callerAllows checks a named caller's own identity policies for the
// call, spelled in the caller's environment.
func (p *pair) callerAllows(side string, pr probe, action, arn string) bool {
	if pr.caller == nil {
		return true
	}
	if pr.caller.Sem == nil {
		return false
	}
	id, ok := pr.caller.Sem.Identity["permissions"]
	if !ok || id.Policies == nil {
		return false
	}
	ce := p.envs[other(side)]
	return id.Allows(iameval.Request{Action: action, Resource: ce.Canonical(arn), Context: map[string][]string{
		"aws:principalaccount": {ce.Canonical(p.envs[other(side)].AccountID)},
	}})
}

// admitsOther is a quick, conservative test on canonical grants: only a
// policy with an Allow for "*", for a principal of the other account, for
// a service or with NotPrincipal can admit the other account, and most
// resource policies name their own account only. aws reports the Allows
// that can match an AWS principal of the other account (all but the
// service ones: a Service principal never matches an AWS one), svc the
// service Allows.
func admitsOther(attr any) (aws, svc bool) {
	gs, _ := attr.([]any)
	for _, g := range gs {
		m, _ := g.(map[string]any)
		if m["effect"] != "Allow" {
			continue
		}
		pr, _ := m["principal"].(string)
		if neg, _ := m["not_principal"].(bool); neg || pr == "*" || pr == "AWS:*" || strings.Contains(pr, normalize.TokenPeerAccount) {
			aws = true
		} else if strings.HasPrefix(pr, "Service:") {
			svc = true
		}
	}
	return aws, svc
}

type kmsGrant struct {
	grantee string
	ops     []string
}

// grantsReaching lists the key's grants whose grantee is a principal of
// the other account.
func grantsReaching(r *normalize.Resource) []kmsGrant {
	gs, _ := r.Attrs["grants"].([]any)
	var out []kmsGrant
	for _, g := range gs {
		m, _ := g.(map[string]any)
		grantee, _ := m["grantee"].(string)
		if !strings.Contains(grantee, normalize.TokenPeerAccount) {
			continue
		}
		var ops []string
		list, _ := m["operations"].([]any)
		for _, o := range list {
			if s, ok := o.(string); ok {
				ops = append(ops, s)
			}
		}
		out = append(out, kmsGrant{grantee: grantee, ops: ops})
	}
	return out
}

func grantClass(op string) string {
	switch {
	case op == "kms:decrypt":
		return "decrypt"
	case op == "kms:creategrant", op == "kms:retiregrant":
		return "administer"
	}
	return "use"
}

func setList(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (p *pair) witness(side string, pr probe, action, arn string) Request {
	ctx := make(map[string][]string, len(pr.ctx))
	for k, vs := range pr.ctx {
		rv := make([]string, len(vs))
		for i, v := range vs {
			rv[i] = p.real(side, v)
		}
		ctx[k] = rv
	}
	return Request{Principal: p.real(side, strings.TrimPrefix(pr.principal, "AWS:")), Action: action, Resource: arn, Context: ctx}
}

var (
	nothingOnce sync.Once
	nothingID   iameval.Identity
)

// nothing is the identity that allows nothing: Differences against it
// lists everything an identity allows.
func nothing() iameval.Identity {
	nothingOnce.Do(func() { nothingID = iameval.Identity{Policies: iameval.Compile(nil)} })
	return nothingID
}

// grade is what a role's effective permissions reach.
func (p *pair) grade(r *normalize.Resource) string {
	if r.Sem == nil {
		return string(iameval.ReachOther)
	}
	id, ok := r.Sem.Identity["permissions"]
	if !ok || id.Policies == nil {
		return string(iameval.ReachOther)
	}
	// normalize shares one compiled policy among identities with the
	// same documents, so grades are cached by compiled identity. The lock
	// is not held while grading: two goroutines may grade one identity,
	// alike.
	p.mu.Lock()
	g, ok := p.grades[id]
	p.mu.Unlock()
	if ok {
		return g
	}
	g = string(iameval.ReachAdmin)
	if !iameval.AdminEquivalent(id) {
		all, _ := iameval.Differences(id, nothing(), 50)
		g = string(iameval.GradeDeltas(all))
	}
	p.mu.Lock()
	if p.grades == nil {
		p.grades = map[iameval.Identity]string{}
	}
	p.grades[id] = g
	p.mu.Unlock()
	return g
}
