package reports

import (
	"fmt"
	"strings"

	"github.com/parity-sec/parity/policies"
)

// SummaryLine is the short verdict every channel ends with: the table's
// last line and the line on stderr whatever the format. It says the
// verdict, what counted against the threshold and the score, and stays
// short (under 100 columns for any report) because CI logs show it last
// and cut it first. The gate's full reasons are elsewhere in each format.
func SummaryLine(r *Report) string {
	var parts []string
	g := r.Gate
	switch {
	case g == nil:
		parts = append(parts, fmt.Sprintf("%s, %s", plural(len(r.Findings), "finding"), plural(len(r.Changes), "change")))
	case g.Partial:
		parts = append(parts, "gate PARTIAL: coverage gaps in "+strings.Join(r.PartialAreas, ", "))
	default:
		verdict := "gate PASSED"
		if !g.Passed {
			verdict = "gate FAILED"
		}
		parts = append(parts, verdict+": "+overThreshold(r, g))
	}
	if len(r.PartialAreas) > 0 && (g == nil || !g.Partial) {
		parts = append(parts, "PARTIAL: "+strings.Join(r.PartialAreas, ", "))
	}
	if r.Score != nil {
		s := fmt.Sprintf("score %d/100", r.Score.Overall)
		if g != nil && g.MinScore > 0 && r.Score.Overall < g.MinScore {
			s += fmt.Sprintf(", below --min-score %d", g.MinScore)
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " · ")
}

// overThreshold counts the unwaived findings at or above the gate's
// threshold: "5 at or above high (3 critical, 2 high)".
func overThreshold(r *Report, g *Gate) string {
	if g.FailOn == "none" {
		return plural(len(r.Findings), "finding") + ", fail-on none"
	}
	threshold := policies.SeverityRank(g.FailOn)
	bySev := map[string]int{}
	n := 0
	for _, f := range r.Findings {
		if !f.Waived && policies.SeverityRank(f.Severity) >= threshold {
			bySev[f.Severity]++
			n++
		}
	}
	out := fmt.Sprintf("%s at or above %s", plural(n, "finding"), g.FailOn)
	var parts []string
	for _, s := range policies.Severities {
		if bySev[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", bySev[s], s))
		}
	}
	if len(parts) > 1 {
		out += " (" + strings.Join(parts, ", ") + ")"
	}
	return out
}
