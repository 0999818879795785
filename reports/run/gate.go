package run

import (
	"fmt"
	"sort"
	"strings"

	"github.com/parity-sec/parity/policies"
)

// DefaultFailOn is the severity at or above which an unwaived finding fails
// the gate when the user says nothing. It is decided here only.
const DefaultFailOn = policies.SeverityHigh

// GateOptions are the pre-release gate thresholds.
type GateOptions struct {
	FailOn       string // a severity, or "none"; empty means DefaultFailOn
	MinScore     int
	AllowPartial bool
}

// Exit codes: the contract CI pipelines rely on.
const (
	ExitOK      = 0 // gate passed
	ExitGate    = 1 // gate failed
	ExitPartial = 2 // coverage has gaps and --allow-partial was not given
)

// ExitCode is the process exit code a gate verdict stands for. It reads
// nothing but the gate, so the report and the exit code agree by
// construction. A run without a gate has nothing to fail.
func ExitCode(g *Gate) int {
	switch {
	case g == nil:
		return ExitOK
	case g.Partial:
		return ExitPartial
	case !g.Passed:
		return ExitGate
	}
	return ExitOK
}

// decideGate decides the verdict. Reasons are whole sentences a pipeline
// log can show as its last line: which areas could not be vouched for and
// why (partialReasons, such as a snapshot without coverage records), which
// findings, which threshold. The partial-coverage reason, when there is
// one, comes first.
func decideGate(rep *Report, partialReasons []string, o GateOptions) *Gate {
	failOn := o.FailOn
	if failOn == "" {
		failOn = DefaultFailOn
	}
	g := &Gate{Passed: true, FailOn: failOn, MinScore: o.MinScore, AllowPartial: o.AllowPartial}
	if len(rep.PartialAreas) > 0 && !o.AllowPartial {
		g.Passed, g.Partial = false, true
		why := ""
		if len(partialReasons) > 0 {
			why = " (" + strings.Join(partialReasons, "; ") + ")"
		}
		g.Reasons = append(g.Reasons, fmt.Sprintf("coverage is partial in %s%s: the result cannot vouch for those areas (pass --allow-partial to gate anyway)",
			strings.Join(rep.PartialAreas, ", "), why))
	}
	if failOn != "none" {
		threshold := policies.SeverityRank(failOn)
		bySev := map[string][]string{}
		for _, f := range rep.Findings {
			if !f.Waived && policies.SeverityRank(f.Severity) >= threshold {
				bySev[f.Severity] = append(bySev[f.Severity], f.Rule+" on "+f.Names.Compact(f.Resource))
			}
		}
		for _, sev := range policies.Severities {
			items := bySev[sev]
			if len(items) == 0 {
				continue
			}
			sort.Strings(items)
			g.Passed = false
			noun := "findings"
			if len(items) == 1 {
				noun = "finding"
			}
			g.Reasons = append(g.Reasons, fmt.Sprintf("%d %s %s at or above --fail-on %s: %s", len(items), sev, noun, failOn, list(items, 3)))
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
