package run

import (
	"strings"
	"time"

	"github.com/parity-sec/parity/policies"
)

// applyWaivers lets a waiver name a resource by its canonical key or by a
// real name or ARN of either side. policies.ApplyWaivers matches canonical
// keys; each finding is offered to it once per name (the canonical key
// first), and a finding is waived when any of its names is. Expired and
// stale waivers are judged over all names at once, so a waiver written
// with a real name is not reported stale.
func applyWaivers(fs []policies.Finding, names []Names, ws []policies.Waiver, now time.Time, rules policies.WaiverRules) ([]Finding, []WaiverProblem) {
	var expanded []policies.Finding
	var owner []int
	for i, f := range fs {
		expanded = append(expanded, f)
		owner = append(owner, i)
		for _, k := range names[i].Keys() {
			alt := f
			alt.Resource = k
			expanded = append(expanded, alt)
			owner = append(owner, i)
		}
	}
	applied, problems := policies.ApplyWaiversWith(expanded, ws, now, rules)
	out := make([]Finding, len(fs))
	for i, f := range fs {
		out[i] = Finding{Finding: f, Names: names[i]}
	}
	for j, a := range applied {
		f := &out[owner[j]]
		if a.Waived && !f.Waived {
			f.Waived, f.Waiver = true, a.Waiver
		}
	}
	expiredWaivers(out, expanded, owner, ws, now)
	return out, problems
}

// expiredWaivers records on each finding the expired waivers that would
// still match it, so a report shows the lapsed waiver next to the finding
// it used to silence instead of only in a list of waiver problems.
func expiredWaivers(out []Finding, expanded []policies.Finding, owner []int, ws []policies.Waiver, now time.Time) {
	for _, w := range ws {
		d, err := time.Parse("2006-01-02", strings.TrimSpace(w.Expires))
		if err != nil || now.Before(d.AddDate(0, 0, 1)) {
			continue
		}
		revived := w
		revived.Expires = "9999-12-31"
		applied, _ := policies.ApplyWaivers(expanded, []policies.Waiver{revived}, now)
		seen := map[int]bool{}
		for j, a := range applied {
			i := owner[j]
			if a.Waived && !seen[i] {
				seen[i] = true
				out[i].ExpiredWaivers = append(out[i].ExpiredWaivers, policies.WaiverMatch{
					Rule: w.Rule, Resource: w.Resource, Reason: w.Reason, Owner: w.Owner, Expires: d})
			}
		}
	}
}
