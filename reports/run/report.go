package run

import (
	"time"

	"github.com/parity-sec/parity/collectors/snapshot"
	"github.com/parity-sec/parity/policies"
)

// SchemaVersion versions the JSON report.
const SchemaVersion = 1

// Report is everything one run produced.
type Report struct {
	SchemaVersion int       `json:"schema_version"`
	GeneratedAt   time.Time `json:"generated_at"`
	ToolVersion   string    `json:"tool_version"`
	Staging       EnvMeta   `json:"staging"`
	Production    EnvMeta   `json:"production"`
	// PartialAreas lists areas where either environment's coverage has a
	// gap, or every area when a side has no coverage records at all; no
	// report may present such an area as clean. Evaluate decides it.
	PartialAreas []string        `json:"partial_areas"`
	Summary      Summary         `json:"summary"`
	Score        *policies.Score `json:"score,omitempty"`
	Gate         *Gate           `json:"gate,omitempty"`
	Findings     []Finding       `json:"findings"`
	Changes      []Change        `json:"changes"`
	Waivers      []WaiverProblem `json:"waiver_problems,omitempty"`
	History      *History        `json:"history,omitempty"`
	// Approximated lists the comparisons by meaning that were not
	// exhaustive (diff.Result.Approximated), with real names.
	Approximated []Approximated `json:"approximated,omitempty"`
	// Warnings are things the user should know about how far to trust the
	// run or fix in how it is run (few resources paired in an area, and
	// the likely cause; comparisons that were not exhaustive), one line
	// each.
	Warnings []string `json:"warnings,omitempty"`
}

// EnvMeta describes one side of the comparison.
type EnvMeta struct {
	Name        string              `json:"name"`
	AccountID   string              `json:"account_id"`
	Regions     []string            `json:"regions"`
	CollectedAt time.Time           `json:"collected_at"`
	ToolVersion string              `json:"tool_version,omitempty"`
	Coverage    []snapshot.Coverage `json:"coverage"`
}

// Summary counts per area, in snapshot.Areas order.
type Summary struct {
	Areas []AreaSummary `json:"areas"`
}

// AreaSummary is one area's counts.
type AreaSummary struct {
	Area   string `json:"area"`
	Paired int    `json:"paired"`
	// Total counts distinct resources of the area across both sides;
	// Paired/Total is the share that found a twin.
	Total    int  `json:"total"`
	Changes  int  `json:"changes"`
	Findings int  `json:"findings"`
	Partial  bool `json:"partial"`
}

// Gate is the verdict of the pre-release gate.
type Gate struct {
	Passed   bool     `json:"passed"`
	FailOn   string   `json:"fail_on"`
	MinScore int      `json:"min_score,omitempty"`
	Reasons  []string `json:"reasons,omitempty"` // why it failed, one line each
	// Partial is set when coverage has gaps and the gate was not told to
	// judge anyway (--allow-partial): the run cannot vouch for those areas,
	// so Passed is false and the exit code is 2, whatever the findings.
	Partial bool `json:"partial,omitempty"`
	// AllowPartial records that --allow-partial was given.
	AllowPartial bool `json:"allow_partial,omitempty"`
}

// WaiverProblem reports an expired or stale waiver; policies owns it.
type WaiverProblem = policies.WaiverProblem

// History compares this run with the previous one in --history.
type History struct {
	PreviousRun string       `json:"previous_run,omitempty"`
	New         []string     `json:"new"` // finding ids
	Resolved    []Finding    `json:"resolved"`
	Persisting  []string     `json:"persisting"` // finding ids
	Trend       []TrendPoint `json:"trend"`      // oldest first, this run last
}

// TrendPoint is one past run's score.
type TrendPoint struct {
	Run      string    `json:"run"`
	Time     time.Time `json:"time"`
	Overall  int       `json:"overall"`
	Findings int       `json:"findings"`
}
