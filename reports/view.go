package reports

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/parity-sec/parity/collectors/snapshot"
	"github.com/parity-sec/parity/diff"
	"github.com/parity-sec/parity/normalize"
	"github.com/parity-sec/parity/policies"
)

// areaOther collects findings whose category names no known area (a user
// policy with a typo, say), so they are still shown rather than dropped.
const areaOther = "other"

// areaRank orders areas as snapshot.Areas does, unknown areas last.
func areaRank(a string) int {
	if i := slices.Index(snapshot.Areas, a); i >= 0 {
		return i
	}
	return len(snapshot.Areas)
}

// findingArea is the report area of a finding: its category when that is an
// area, else the area of its resource kind.
func findingArea(f policies.Finding) string {
	if slices.Contains(snapshot.Areas, f.Category) {
		return f.Category
	}
	kind := f.Kind
	if kind == "" {
		kind, _, _ = strings.Cut(f.Resource, "/")
	}
	if a, ok := normalize.KindArea[kind]; ok {
		return a
	}
	return areaOther
}

// changeArea is the area of a change, falling back to its kind.
func changeArea(c diff.Change) string {
	if slices.Contains(snapshot.Areas, c.Area) {
		return c.Area
	}
	if a, ok := normalize.KindArea[c.Kind]; ok {
		return a
	}
	return areaOther
}

// sortFindings returns a copy of fs ordered for people: by area, most
// severe first, then rule, resource and id so ties are stable.
func sortFindings(fs []policies.Finding) []policies.Finding {
	out := slices.Clone(fs)
	slices.SortStableFunc(out, func(a, b policies.Finding) int {
		return cmp.Or(
			cmp.Compare(areaRank(findingArea(a)), areaRank(findingArea(b))),
			cmp.Compare(findingArea(a), findingArea(b)),
			cmp.Compare(policies.SeverityRank(b.Severity), policies.SeverityRank(a.Severity)),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Resource, b.Resource),
			cmp.Compare(a.ID, b.ID),
		)
	})
	return out
}

// actionRank orders actions as the diff package lists them.
func actionRank(a diff.Action) int {
	switch a {
	case diff.OnlyStaging:
		return 0
	case diff.OnlyProduction:
		return 1
	case diff.Changed:
		return 2
	}
	return 3
}

// sortChanges returns a copy of cs ordered by area, resource, path and
// action; set elements at one path are ordered by their rendering.
func sortChanges(cs []diff.Change) []diff.Change {
	out := slices.Clone(cs)
	slices.SortStableFunc(out, func(a, b diff.Change) int {
		return cmp.Or(
			cmp.Compare(areaRank(changeArea(a)), areaRank(changeArea(b))),
			cmp.Compare(changeArea(a), changeArea(b)),
			cmp.Compare(a.Resource, b.Resource),
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(actionRank(a.Action), actionRank(b.Action)),
			cmp.Compare(compactValue(a.Path, a.Staging), compactValue(b.Path, b.Staging)),
			cmp.Compare(compactValue(a.Path, a.Production), compactValue(b.Path, b.Production)),
		)
	})
	return out
}

// reportAreas lists the four areas, plus "other" when something falls there.
func reportAreas(r *Report) []string {
	areas := slices.Clone(snapshot.Areas)
	for _, f := range r.Findings {
		if findingArea(f) == areaOther {
			return append(areas, areaOther)
		}
	}
	for _, c := range r.Changes {
		if changeArea(c) == areaOther {
			return append(areas, areaOther)
		}
	}
	return areas
}

// partialAreas is the union of every way a report can say an area was only
// partly seen, so no writer can show a gap as clean by reading one field.
func partialAreas(r *Report) map[string]bool {
	out := map[string]bool{}
	for _, a := range r.PartialAreas {
		out[a] = true
	}
	for _, s := range r.Summary.Areas {
		if s.Partial {
			out[s.Area] = true
		}
	}
	for _, g := range coverageGaps(r) {
		out[g.Area] = true
	}
	return out
}

// gap is one coverage record that is not ok.
type gap struct {
	Env, Area, Service, Region, Status, Message string
}

// coverageGaps lists the coverage records of both sides that are not ok.
func coverageGaps(r *Report) []gap {
	var out []gap
	for _, env := range []EnvMeta{r.Staging, r.Production} {
		for _, c := range env.Coverage {
			if c.Status == snapshot.CoverageOK {
				continue
			}
			area, ok := snapshot.ServiceArea[c.Service]
			if !ok {
				area = areaOther
			}
			out = append(out, gap{Env: env.Name, Area: area, Service: c.Service, Region: c.Region, Status: c.Status, Message: c.Message})
		}
	}
	slices.SortStableFunc(out, func(a, b gap) int {
		return cmp.Or(
			cmp.Compare(areaRank(a.Area), areaRank(b.Area)),
			cmp.Compare(a.Env, b.Env),
			cmp.Compare(a.Service, b.Service),
			cmp.Compare(a.Region, b.Region),
		)
	})
	return out
}

// areaSummary returns the summary of one area, or counts derived from the
// findings and changes when the report carries no summary for it.
func areaSummary(r *Report, area string) AreaSummary {
	for _, s := range r.Summary.Areas {
		if s.Area == area {
			return s
		}
	}
	s := AreaSummary{Area: area}
	for _, f := range r.Findings {
		if findingArea(f) == area {
			s.Findings++
		}
	}
	for _, c := range r.Changes {
		if changeArea(c) == area {
			s.Changes++
		}
	}
	return s
}

// areaScore returns the score of an area and whether there is one.
func areaScore(r *Report, area string) (int, bool) {
	if r.Score == nil {
		return 0, false
	}
	v, ok := r.Score.Areas[area]
	return v, ok
}

// countWaived counts waived findings.
func countWaived(fs []policies.Finding) int {
	n := 0
	for _, f := range fs {
		if f.Waived {
			n++
		}
	}
	return n
}

// newSet is the set of finding ids History marks as new.
func newSet(r *Report) map[string]bool {
	out := map[string]bool{}
	if r.History != nil {
		for _, id := range r.History.New {
			out[id] = true
		}
	}
	return out
}

// failOn picks the severity threshold: the option, the gate's, or "high".
func failOn(opt string, r *Report) string {
	switch {
	case opt != "":
		return opt
	case r.Gate != nil && r.Gate.FailOn != "":
		return r.Gate.FailOn
	}
	return policies.SeverityHigh
}

// actionLabel is how people read a diff action, in the environments' own
// names ("only in stage" when the staging side is called stage).
func actionLabel(a diff.Action, r *Report) string {
	switch a {
	case diff.OnlyStaging:
		return "only in " + envName(r.Staging.Name, "staging")
	case diff.OnlyProduction:
		return "only in " + envName(r.Production.Name, "production")
	case diff.Changed:
		return "changed"
	}
	return string(a)
}

// maxElementsShown bounds how many set elements of one resource, path and
// side the human formats list. A role with "*" facing a twin with AWS's
// ReadOnlyAccess differs by thousands of grants; listing them all buries
// every other change. JSON, SARIF and HTML keep them all.
const maxElementsShown = 8

// changeRow is a change to render, or, with More > 0, one line standing
// for More further set elements of the same resource, path and side.
type changeRow struct {
	diff.Change
	More int
}

// foldChanges keeps the first maxElementsShown set elements of each run of
// (resource, path, action) in sorted changes and folds the rest into one row.
func foldChanges(cs []diff.Change) []changeRow {
	out := make([]changeRow, 0, len(cs))
	run, skipped := 0, 0
	flush := func(c diff.Change) {
		if skipped > 0 {
			out = append(out, changeRow{Change: diff.Change{Action: c.Action, Area: c.Area, Kind: c.Kind, Resource: c.Resource, Path: c.Path}, More: skipped})
		}
		run, skipped = 0, 0
	}
	for i, c := range cs {
		if i > 0 && !sameRun(cs[i-1], c) {
			flush(cs[i-1])
		}
		run++
		if c.Path != "" && c.Action != diff.Changed && run > maxElementsShown {
			skipped++
			continue
		}
		out = append(out, changeRow{Change: c})
	}
	if len(cs) > 0 {
		flush(cs[len(cs)-1])
	}
	return out
}

func sameRun(a, b diff.Change) bool {
	return a.Resource == b.Resource && a.Path == b.Path && a.Action == b.Action
}

// rowValues renders a row's two cells, width-limited.
func rowValues(row changeRow, width int) (staging, production string) {
	c := row.Change
	if row.More > 0 {
		more := fmt.Sprintf("… and %d more (all in --format json)", row.More)
		if c.Action == diff.OnlyStaging {
			return more, "—"
		}
		return "—", more
	}
	return truncate(changeValue(c.Path, c.Staging, c.Action == diff.OnlyStaging), width),
		truncate(changeValue(c.Path, c.Production, c.Action == diff.OnlyProduction), width)
}

func envName(name, def string) string {
	if name == "" {
		return def
	}
	return name
}
