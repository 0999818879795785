package policies

import (
	"fmt"
	"path"
	"sort"
	"strings"
	"time"
)

// Waiver accepts a finding for a while. It lives under `waivers:` in
// parity.yaml; every field is required.
type Waiver struct {
	// Rule is a rule id ("identity.wider_permissions") or a glob of ids
	// ("network.*").
	Rule string `yaml:"rule" json:"rule"`
	// Resource is a glob of canonical resource keys; "*" matches any run
	// of characters including "/", so "iam_role/*" covers every role.
	Resource string `yaml:"resource" json:"resource"`
	Reason   string `yaml:"reason" json:"reason"`
	Owner    string `yaml:"owner" json:"owner"`
	// Expires is a date, YYYY-MM-DD; the waiver holds through that day
	// (UTC) and stops waiving the day after.
	Expires string `yaml:"expires" json:"expires"`
}

// Waiver problems. Broad and long waivers still waive; they are listed in
// every report so nobody forgets they exist.
const (
	ProblemExpired = "expired"
	ProblemStale   = "stale"
	ProblemBroad   = "broad"     // rule and resource both match everything
	ProblemLong    = "long-term" // expires beyond the horizon
)

// DefaultWaiverHorizonDays is how far ahead an expiry may lie before the
// waiver is reported as long-term.
const DefaultWaiverHorizonDays = 365

// WaiverRules are the limits a team sets on its own waivers.
type WaiverRules struct {
	// AllowBroad accepts a waiver whose rule and resource are both "*".
	AllowBroad bool
	// HorizonDays: an expiry further ahead is a waiver problem; zero
	// means DefaultWaiverHorizonDays.
	HorizonDays int
}

func (r WaiverRules) horizon() int {
	if r.HorizonDays <= 0 {
		return DefaultWaiverHorizonDays
	}
	return r.HorizonDays
}

// Broad reports whether w waives every rule on every resource: a
// catch-all that turns the gate off.
func (w Waiver) Broad() bool { return matchesAll(w.Rule) && matchesAll(w.Resource) }

func matchesAll(glob string) bool {
	g := strings.TrimSpace(glob)
	return g != "" && strings.Trim(g, "*") == ""
}

// RefuseBroadWaivers fails on the first catch-all waiver unless rules
// allow them; the error names it by index.
func RefuseBroadWaivers(ws []Waiver, rules WaiverRules) error {
	if rules.AllowBroad {
		return nil
	}
	for i, w := range ws {
		if w.Broad() {
			return fmt.Errorf("waivers[%d]: rule %q and resource %q waive every finding; narrow them, or pass --allow-broad-waivers", i, w.Rule, w.Resource)
		}
	}
	return nil
}

// WaiverProblem reports a waiver that has expired, matches no finding,
// waives everything or lasts beyond the horizon.
type WaiverProblem struct {
	Problem  string `json:"problem"` // expired, stale, broad or long-term
	Rule     string `json:"rule"`
	Resource string `json:"resource"`
	Owner    string `json:"owner"`
	Reason   string `json:"reason"`
	Expires  string `json:"expires"`
}

const dateLayout = "2006-01-02"

// ValidateWaivers checks every waiver: all fields present, rule and
// resource valid globs, expires a YYYY-MM-DD date. The error names the
// first bad waiver by index and field, e.g. "waivers[2].owner: required".
func ValidateWaivers(ws []Waiver) error {
	for i, w := range ws {
		fields := []struct{ name, value string }{
			{"rule", w.Rule}, {"resource", w.Resource}, {"reason", w.Reason},
			{"owner", w.Owner}, {"expires", w.Expires},
		}
		for _, f := range fields {
			if strings.TrimSpace(f.value) == "" {
				return fmt.Errorf("waivers[%d].%s: required (every waiver needs rule, resource, reason, owner and expires)", i, f.name)
			}
		}
		for _, f := range fields[:2] {
			if _, err := path.Match(globPattern(f.value), ""); err != nil {
				return fmt.Errorf("waivers[%d].%s: %q is not a valid glob", i, f.name, f.value)
			}
		}
		if _, err := time.Parse(dateLayout, strings.TrimSpace(w.Expires)); err != nil {
			return fmt.Errorf("waivers[%d].expires: %q is not a date (want YYYY-MM-DD)", i, w.Expires)
		}
	}
	return nil
}

// ApplyWaivers marks the findings a live waiver matches as waived (they
// stay in the list, in order) and reports expired waivers and waivers that
// match nothing. An expired waiver never waives. fs is not modified.
func ApplyWaivers(fs []Finding, ws []Waiver, now time.Time) (out []Finding, problems []WaiverProblem) {
	return ApplyWaiversWith(fs, ws, now, WaiverRules{})
}

// ApplyWaiversWith is ApplyWaivers that also reports broad waivers and
// those expiring beyond rules' horizon (they still waive).
func ApplyWaiversWith(fs []Finding, ws []Waiver, now time.Time, rules WaiverRules) (out []Finding, problems []WaiverProblem) {
	out = make([]Finding, len(fs))
	copy(out, fs)
	used := make([]bool, len(ws))
	expired := make([]bool, len(ws))
	expiry := make([]time.Time, len(ws))
	for i, w := range ws {
		d, err := time.Parse(dateLayout, strings.TrimSpace(w.Expires))
		expiry[i] = d
		// Valid through the whole expiry day, in UTC.
		expired[i] = err != nil || !now.Before(d.AddDate(0, 0, 1))
	}
	for fi := range out {
		f := &out[fi]
		for i, w := range ws {
			if !globMatch(w.Rule, f.Rule) || !globMatch(w.Resource, f.Resource) {
				continue
			}
			used[i] = true
			if expired[i] || f.Waived {
				continue
			}
			f.Waived = true
			f.Waiver = &WaiverMatch{Rule: w.Rule, Resource: w.Resource, Reason: w.Reason, Owner: w.Owner, Expires: expiry[i]}
		}
	}
	horizon := now.AddDate(0, 0, rules.horizon())
	for i, w := range ws {
		p := WaiverProblem{Rule: w.Rule, Resource: w.Resource, Owner: w.Owner, Reason: w.Reason, Expires: w.Expires}
		switch {
		case expired[i]:
			p.Problem = ProblemExpired
		case !used[i]:
			p.Problem = ProblemStale
		}
		if p.Problem != "" {
			problems = append(problems, p)
		}
		if expired[i] {
			continue
		}
		if w.Broad() {
			p.Problem = ProblemBroad
			problems = append(problems, p)
		}
		if expiry[i].After(horizon) {
			p.Problem = ProblemLong
			problems = append(problems, p)
		}
	}
	sort.SliceStable(problems, func(i, j int) bool {
		a, b := problems[i], problems[j]
		if a.Problem != b.Problem {
			return a.Problem < b.Problem
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Resource < b.Resource
	})
	return out, problems
}

// globMatch matches with path.Match syntax but without path.Match's
// special "/": canonical keys are "<kind>/<region>/<name>" and a waiver
// author expects "iam_role/*" to cover them all.
func globMatch(pattern, s string) bool {
	ok, err := path.Match(globPattern(pattern), strings.ReplaceAll(s, "/", "\x00"))
	return err == nil && ok
}

func globPattern(p string) string { return strings.ReplaceAll(strings.TrimSpace(p), "/", "\x00") }
