package pipeline

import (
	"fmt"
	"sort"
	"strings"

	"github.com/parity-sec/parity/policies"
	"github.com/parity-sec/parity/reports"
)

// DefaultFailOn is the severity at or above which an unwaived finding fails
// the gate when the user says nothing.
const DefaultFailOn = policies.SeverityHigh

// gate decides the verdict. Reasons are whole sentences a pipeline log can
// show as its last line: which findings, which threshold.
func gate(rep *reports.Report, o GateOptions) *reports.Gate {
	failOn := o.FailOn
	if failOn == "" {
		failOn = DefaultFailOn
	}
	g := &reports.Gate{Passed: true, FailOn: failOn, MinScore: o.MinScore}
	if failOn != "none" {
		threshold := policies.SeverityRank(failOn)
		bySev := map[string][]string{}
		for _, f := range rep.Findings {
			if !f.Waived && policies.SeverityRank(f.Severity) >= threshold {
				bySev[f.Severity] = append(bySev[f.Severity], f.Rule+" on "+f.Resource)
			}
		}
		for _, sev := range policies.Severities {
			items := bySev[sev]
			if len(items) == 0 {
				continue
			}
			sort.Strings(items)
			g.Passed = false
			g.Reasons = append(g.Reasons, fmt.Sprintf("%d %s finding(s) at or above --fail-on %s: %s", len(items), sev, failOn, list(items, 3)))
		}
	}
	if o.MinScore > 0 && rep.Score != nil && rep.Score.Overall < o.MinScore {
		g.Passed = false
		g.Reasons = append(g.Reasons, fmt.Sprintf("parity score %d is below --min-score %d", rep.Score.Overall, o.MinScore))
	}
	return g
}

func list(items []string, max int) string {
	if len(items) <= max {
		return strings.Join(items, "; ")
	}
	return strings.Join(items[:max], "; ") + fmt.Sprintf("; and %d more", len(items)-max)
}
