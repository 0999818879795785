package run

import (
	"strings"

	"github.com/parity-sec/parity/diff"
	"github.com/parity-sec/parity/normalize"
	"github.com/parity-sec/parity/policies"
)

// Finding is a policy finding with the real identity of its resource on
// both sides. The canonical key (Resource) stays the grouping key: it is
// what pairs the two sides, what history matches and what IDs hash. Names
// is what a person greps for and fixes.
type Finding struct {
	policies.Finding
	Names Names `json:"names"`
	// ExpiredWaivers are waivers that would match this finding but have
	// expired: shown beside it so the lapse is noticed where it matters.
	ExpiredWaivers []policies.WaiverMatch `json:"expired_waivers,omitempty"`
}

// Change is a diff change with the real identity of its resource on both
// sides.
type Change struct {
	diff.Change
	Names Names `json:"names"`
}

// Names holds one resource's identity in each environment.
type Names struct {
	Staging    Side `json:"staging"`
	Production Side `json:"production"`
}

// Side is a resource as one environment's account knows it. Exists is
// false when the resource is missing on that side; the account id and
// environment are still set, so "only in staging" names both accounts.
type Side struct {
	Environment string `json:"environment"`
	AccountID   string `json:"account_id"`
	Exists      bool   `json:"exists"`
	Name        string `json:"name,omitempty"`
	ARN         string `json:"arn,omitempty"`
}

// Keys returns every string a waiver may name this resource by besides its
// canonical key: each side's real name and ARN, without duplicates.
func (n Names) Keys() []string {
	var out []string
	for _, s := range []string{n.Staging.Name, n.Staging.ARN, n.Production.Name, n.Production.ARN} {
		if s != "" && !contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// Display is the shortest honest real name: one name when both sides call
// the resource the same, "staging-name → production-name" when they differ,
// and the one side's name when it exists on one side only.
func (n Names) Display(fallback string) string {
	st, pr := n.Staging.Name, n.Production.Name
	switch {
	case st == "" && pr == "":
		return fallback
	case st == "":
		return pr
	case pr == "" || st == pr:
		return st
	}
	return st + " → " + pr
}

// Compact is Display for a narrow column: when the two real names differ
// only in the middle, the common ends are written once,
// "payments-deploy-{staging,production}".
func (n Names) Compact(fallback string) string {
	st, pr := n.Staging.Name, n.Production.Name
	if st == "" || pr == "" || st == pr {
		return n.Display(fallback)
	}
	a, b := []rune(st), []rune(pr)
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	return string(a[:pre]) + "{" + string(a[pre:len(a)-suf]) + "," + string(b[pre:len(b)-suf]) + "}" + string(a[len(a)-suf:])
}

// Side returns the side of an environment name, and whether the name is
// one of the two.
func (n Names) Side(env string) (Side, bool) {
	switch env {
	case n.Staging.Environment:
		return n.Staging, true
	case n.Production.Environment:
		return n.Production, true
	}
	return Side{}, false
}

// namer looks resources up in both normalized environments.
type namer struct{ st, pr *normalize.Environment }

func (nm namer) names(key string) Names {
	return Names{Staging: side(nm.st, key), Production: side(nm.pr, key)}
}

func side(e *normalize.Environment, key string) Side {
	s := Side{Environment: e.Name, AccountID: e.AccountID}
	r, ok := e.Resources[key]
	if !ok || r == nil {
		return s
	}
	s.Exists = true
	s.Name, _ = r.Info["name"].(string)
	s.ARN, _ = r.Info["arn"].(string)
	return s
}

// realMessage rewrites a finding message in real names when it is clear
// which side it talks about: the rules start a message with the
// environment's name ("production role payments-deploy-${env} trusts …")
// or, for a one-sided resource, there is only one side. On that side the
// canonical name becomes the real one and the account tokens the real
// account ids. Anything else is left as the rule wrote it; the real names
// are beside it in every format.
func realMessage(msg string, canonicalName string, n Names) string {
	self, peer, ok := n.Subject(msg)
	if !ok {
		return msg
	}
	if canonicalName != "" && self.Name != "" && strings.Contains(canonicalName, "${") {
		msg = strings.ReplaceAll(msg, canonicalName, self.Name)
	}
	r := strings.NewReplacer(normalize.TokenSelfAccount, self.AccountID, normalize.TokenPeerAccount, peer.AccountID)
	return r.Replace(msg)
}

// Subject returns the side a finding message talks about and the other
// side: the side whose environment name starts the message, or the only
// side a one-sided resource has. ok is false when it cannot tell.
func (n Names) Subject(msg string) (self, peer Side, ok bool) {
	switch {
	case strings.HasPrefix(msg, n.Staging.Environment+" "):
		return n.Staging, n.Production, true
	case strings.HasPrefix(msg, n.Production.Environment+" "):
		return n.Production, n.Staging, true
	case n.Staging.Exists && !n.Production.Exists:
		return n.Staging, n.Production, true
	case n.Production.Exists && !n.Staging.Exists:
		return n.Production, n.Staging, true
	}
	return Side{}, Side{}, false
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
