package run

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/parity-sec/parity/collectors/snapshot"
	"github.com/parity-sec/parity/diff"
	"github.com/parity-sec/parity/diff/crossing"
	"github.com/parity-sec/parity/normalize"
	"github.com/parity-sec/parity/policies"
)

// Options configure one evaluation.
type Options struct {
	Normalize normalize.Config
	// Engine evaluates the rules; it is compiled once by the caller (so a
	// policy error is reported before any snapshot is read) and may be nil
	// only with SkipPolicies.
	Engine       *policies.Engine
	Waivers      []policies.Waiver
	WaiverRules  policies.WaiverRules
	Now          time.Time // report time, pinned by SOURCE_DATE_EPOCH
	Gate         GateOptions
	ToolVersion  string
	SkipPolicies bool // diff only: no findings, no score
}

// Evaluate turns two snapshots into a report: normalize, diff, evaluate
// policies, apply waivers, score, sort, gate. It never writes output.
func Evaluate(ctx context.Context, st, pr *snapshot.Snapshot, opts Options) (*Report, error) {
	if opts.Engine == nil && !opts.SkipPolicies {
		return nil, errors.New("evaluate: no policy engine")
	}
	se, pe, err := normalize.Pair(st, pr, opts.Normalize)
	if err != nil {
		return nil, err
	}
	// The paths between the environments are traced while the differ
	// compares: both only read the normalized pair.
	var paths func() *crossing.Result
	if !opts.SkipPolicies {
		paths = policies.TraceAsync(se, pe)
	}
	res := diff.Compare(se, pe)
	partial, partialReasons := partialAreas(se, pe)
	nm := namer{st: se, pr: pe}
	rep := &Report{
		SchemaVersion: SchemaVersion,
		GeneratedAt:   opts.Now.UTC(),
		ToolVersion:   opts.ToolVersion,
		Staging:       meta(se),
		Production:    meta(pe),
		PartialAreas:  partial,
		Changes:       make([]Change, 0, len(res.Changes)),
		Findings:      []Finding{},
	}
	for _, c := range res.Changes {
		rep.Changes = append(rep.Changes, Change{Change: c, Names: nm.names(c.Resource)})
	}
	for _, a := range res.Approximated {
		rep.Approximated = append(rep.Approximated, Approximated{Approximation: a, Names: nm.names(a.Resource)})
	}
	if !opts.SkipPolicies {
		fs, err := opts.Engine.EvaluateTraced(ctx, se, pe, res, paths())
		if err != nil {
			return nil, fmt.Errorf("evaluate policies: %w", err)
		}
		names := make([]Names, len(fs))
		for i := range fs {
			names[i] = nm.names(fs[i].Resource)
			fs[i].Message = realMessage(fs[i].Message, canonicalName(se, pe, fs[i].Resource), names[i])
		}
		findings, problems := applyWaivers(fs, names, opts.Waivers, opts.Now, opts.WaiverRules)
		rep.Findings = findings
		rep.Waivers = append(rep.Waivers, problems...)
		score := policies.ComputeScore(plain(findings), res.Paired)
		rep.Score = &score
	}
	rep.Sort()
	rep.Summary = summarize(rep, res)
	rep.Warnings = append(pairingWarnings(rep), approximationWarning(rep.Approximated)...)
	rep.Gate = decideGate(rep, partialReasons, opts.Gate)
	return rep, nil
}

func meta(e *normalize.Environment) EnvMeta {
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
	return EnvMeta{Name: e.Name, AccountID: e.AccountID, Regions: regions,
		CollectedAt: e.CollectedAt.UTC(), ToolVersion: e.ToolVersion, Coverage: cov}
}

// partialAreas is the one place that decides which areas a run cannot
// vouch for: an area with a coverage record that is not ok on either side,
// and every area of a side that has no coverage records at all (a snapshot
// that says nothing about what it saw proves nothing by being empty).
// The reasons name the sides without records.
func partialAreas(envs ...*normalize.Environment) ([]string, []string) {
	seen := map[string]bool{}
	var reasons []string
	for _, e := range envs {
		if len(e.Coverage) == 0 {
			for _, a := range snapshot.Areas {
				seen[a] = true
			}
			reasons = append(reasons, fmt.Sprintf("the %s snapshot has no coverage records", e.Name))
			continue
		}
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
	return out, reasons
}

// summarize counts per area; it is the only summary any output shows.
func summarize(rep *Report, res *diff.Result) Summary {
	partial := map[string]bool{}
	for _, a := range rep.PartialAreas {
		partial[a] = true
	}
	changes := map[string]int{}
	for _, c := range rep.Changes {
		changes[ChangeArea(c)]++
	}
	findings := map[string]int{}
	for _, f := range rep.Findings {
		if !f.Waived {
			findings[FindingArea(f)]++
		}
	}
	var s Summary
	for _, a := range snapshot.Areas {
		s.Areas = append(s.Areas, AreaSummary{Area: a, Paired: res.Paired[a], Total: res.Total[a], Changes: changes[a], Findings: findings[a], Partial: partial[a]})
	}
	return s
}

// canonicalName is the canonical name of a resource key (as the rules
// write it in messages), from whichever side has the resource.
func canonicalName(st, pr *normalize.Environment, key string) string {
	for _, e := range []*normalize.Environment{st, pr} {
		if r, ok := e.Resources[key]; ok && r != nil {
			return r.Name
		}
	}
	return ""
}

// plain returns the policy findings inside run findings, for the policies
// package's own functions.
func plain(fs []Finding) []policies.Finding {
	out := make([]policies.Finding, len(fs))
	for i, f := range fs {
		out[i] = f.Finding
	}
	return out
}
