package reports

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/parity-sec/parity/collectors/snapshot"
	"github.com/parity-sec/parity/diff"
	"github.com/parity-sec/parity/reports/run"
)

// The vocabulary and the order are the run's; these names keep the
// renderers short.
var (
	findingArea = run.FindingArea
	changeArea  = run.ChangeArea
	reportAreas = run.Areas
)

const areaOther = run.AreaOther

func areaRank(a string) int { return run.AreaRank(a) }

func exitCode(g *Gate) int { return run.ExitCode(g) }

// partialAreas is the set of areas the run could not vouch for; the run
// decided it (run.Evaluate), so every writer shows the same gaps.
func partialAreas(r *Report) map[string]bool {
	out := map[string]bool{}
	for _, a := range r.PartialAreas {
		out[a] = true
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

// areaSummary returns the run's summary of one area (zero counts for an
// area the run did not summarize, such as "other").
func areaSummary(r *Report, area string) AreaSummary {
	for _, s := range r.Summary.Areas {
		if s.Area == area {
			return s
		}
	}
	return AreaSummary{Area: area}
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
func countWaived(fs []Finding) int {
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

// failOn picks the severity threshold: the option, the gate's, or the
// run's default.
func failOn(opt string, r *Report) string {
	switch {
	case opt != "":
		return opt
	case r.Gate != nil && r.Gate.FailOn != "":
		return r.Gate.FailOn
	}
	return run.DefaultFailOn
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
	Change
	More int
}

// foldChanges keeps the first maxElementsShown set elements of each run of
// (resource, path, action) in sorted changes and folds the rest into one row.
func foldChanges(cs []Change) []changeRow {
	out := make([]changeRow, 0, len(cs))
	run, skipped := 0, 0
	flush := func(c Change) {
		if skipped > 0 {
			out = append(out, changeRow{Change: Change{Change: diff.Change{Action: c.Action, Area: c.Area, Kind: c.Kind, Resource: c.Resource, Path: c.Path}, Names: c.Names}, More: skipped})
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

func sameRun(a, b Change) bool {
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

// gateVerdictWord names a gate verdict as every format shows it: the
// word follows run.ExitCode, so no format can call a partial run passed.
func gateVerdictWord(g *Gate) string {
	if g == nil {
		return "not evaluated"
	}
	switch run.ExitCode(g) {
	case run.ExitPartial:
		return "partial"
	case run.ExitGate:
		return "failed"
	}
	return "passed"
}

// waivedNote says who waived a finding, why, and until when.
func waivedNote(f Finding) string {
	if f.Waiver == nil {
		return "waived"
	}
	return fmt.Sprintf("waived by %s until %s: %s", f.Waiver.Owner, f.Waiver.Expires.Format("2006-01-02"), f.Waiver.Reason)
}

// expiredNote says which expired waivers used to silence a finding.
func expiredNote(f Finding) string {
	if len(f.ExpiredWaivers) == 0 {
		return ""
	}
	w := f.ExpiredWaivers[0]
	s := fmt.Sprintf("waiver by %s expired %s", w.Owner, w.Expires.Format("2006-01-02"))
	if n := len(f.ExpiredWaivers) - 1; n > 0 {
		s += fmt.Sprintf(" (and %d more)", n)
	}
	return s
}

// actionSymbol marks a change as terraform marks plan actions.
func actionSymbol(a diff.Action, r *Report) string {
	switch a {
	case diff.OnlyStaging:
		return "- " + actionLabel(a, r)
	case diff.OnlyProduction:
		return "+ " + actionLabel(a, r)
	}
	return "~ " + actionLabel(a, r)
}

func orDash(s string) string {
	if s == "" {
		return absent
	}
	return s
}

// sideText is one side's identity in one line: "production
// payments-deploy-production (arn:…, account 222222222222)", or "absent
// from production (account 222222222222)".
func sideText(s Side) string {
	env := envName(s.Environment, "?")
	if !s.Exists {
		return fmt.Sprintf("absent from %s (account %s)", env, s.AccountID)
	}
	out := env + " " + orDash(s.Name) + " ("
	if s.ARN != "" {
		out += s.ARN + ", "
	}
	return out + "account " + s.AccountID + ")"
}

// namesText is both sides' identities in one line.
func namesText(n Names) string {
	return sideText(n.Staging) + "; " + sideText(n.Production)
}
