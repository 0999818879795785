// Package pipeline runs parity's flow on two snapshots: normalize, diff,
// evaluate policies, apply waivers, score, gate. It returns the Report the
// writers render and never writes output itself.
package pipeline

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/parity-sec/parity/collectors/snapshot"
	"github.com/parity-sec/parity/diff"
	"github.com/parity-sec/parity/normalize"
	"github.com/parity-sec/parity/policies"
	"github.com/parity-sec/parity/reports"
)

// Options configure one evaluation.
type Options struct {
	Normalize    normalize.Config
	Policies     policies.Options
	Waivers      []policies.Waiver
	WaiverRules  policies.WaiverRules
	Now          time.Time // report time, pinned by SOURCE_DATE_EPOCH
	Gate         GateOptions
	ToolVersion  string
	SkipPolicies bool // diff only: no findings, no score
}

// GateOptions are the pre-release gate thresholds.
type GateOptions struct {
	FailOn       string // a severity, or "none"
	MinScore     int
	AllowPartial bool
}

// Evaluate turns two snapshots into a report. engine may be nil when
// SkipPolicies is set; otherwise it is compiled once by the caller.
func Evaluate(ctx context.Context, st, pr *snapshot.Snapshot, engine *policies.Engine, opts Options) (*reports.Report, error) {
	se, pe, err := normalize.Pair(st, pr, opts.Normalize)
	if err != nil {
		return nil, err
	}
	res := diff.Compare(se, pe)
	rep := &reports.Report{
		SchemaVersion: reports.SchemaVersion,
		GeneratedAt:   opts.Now.UTC(),
		ToolVersion:   opts.ToolVersion,
		Staging:       meta(se),
		Production:    meta(pe),
		PartialAreas:  partialAreas(se, pe),
		Changes:       res.Changes,
		Findings:      []policies.Finding{},
	}
	if rep.Changes == nil {
		rep.Changes = []diff.Change{}
	}
	if !opts.SkipPolicies {
		fs, err := engine.Evaluate(ctx, se, pe, res)
		if err != nil {
			return nil, fmt.Errorf("evaluate policies: %w", err)
		}
		fs, problems := policies.ApplyWaiversWith(fs, opts.Waivers, opts.Now, opts.WaiverRules)
		rep.Findings = fs
		for _, p := range problems {
			rep.Waivers = append(rep.Waivers, reports.WaiverProblem(p))
		}
		score := policies.ComputeScore(fs, res.Paired)
		rep.Score = &score
	}
	rep.Summary = summarize(rep, res)
	rep.Gate = gate(rep, opts.Gate)
	return rep, nil
}

func meta(e *normalize.Environment) reports.EnvMeta {
	cov := append([]snapshot.Coverage(nil), e.Coverage...)
	sort.Slice(cov, func(i, j int) bool {
		if cov[i].Service != cov[j].Service {
			return cov[i].Service < cov[j].Service
		}
		return cov[i].Region < cov[j].Region
	})
	if cov == nil {
		cov = []snapshot.Coverage{}
	}
	regions := append([]string(nil), e.Regions...)
	sort.Strings(regions)
	return reports.EnvMeta{Name: e.Name, AccountID: e.AccountID, Regions: regions,
		CollectedAt: e.CollectedAt.UTC(), ToolVersion: e.ToolVersion, Coverage: cov}
}

func partialAreas(envs ...*normalize.Environment) []string {
	seen := map[string]bool{}
	for _, e := range envs {
		for _, a := range e.PartialAreas() {
			seen[a] = true
		}
	}
	out := []string{}
	for _, a := range snapshot.Areas {
		if seen[a] {
			out = append(out, a)
		}
	}
	return out
}

func summarize(rep *reports.Report, res *diff.Result) reports.Summary {
	partial := map[string]bool{}
	for _, a := range rep.PartialAreas {
		partial[a] = true
	}
	changes := map[string]int{}
	for _, c := range rep.Changes {
		changes[c.Area]++
	}
	findings := map[string]int{}
	for _, f := range rep.Findings {
		if !f.Waived {
			findings[f.Category]++
		}
	}
	var s reports.Summary
	for _, a := range snapshot.Areas {
		s.Areas = append(s.Areas, reports.AreaSummary{Area: a, Paired: res.Paired[a], Changes: changes[a], Findings: findings[a], Partial: partial[a]})
	}
	return s
}
