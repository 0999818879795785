package history

import (
	"slices"

	"github.com/parity-sec/parity/reports/run"
)

// CurrentRun names the current run's trend point. Its directory name is
// known only once Save has placed it (a same-second collision adds a
// suffix), and the history goes into the report before the report is saved.
const CurrentRun = "current"

// Compare says what changed between the previous run and the current one.
//
// Findings are matched by ID, which policies derive from rule, resource and
// evidence, never from times. All findings count, waived or not: waiving a
// finding does not fix it, so a newly waived finding stays Persisting
// rather than showing up as Resolved, and an expired waiver does not make a
// finding New. New and Persisting hold ids of the current run, Resolved the
// previous run's findings (the current run no longer has them to show),
// New and Persisting sorted by id, Resolved in the run's finding order. With prev nil (a first run) the three lists are empty
// and PreviousRun is "": nothing is new when there is nothing to compare.
//
// Trend holds the runs in trend, oldest first, then the current run named
// CurrentRun and timed by cur.GeneratedAt. A trend point's Findings counts
// unwaived findings only, the ones the gate weighs. Runs without a score are
// left out of the trend, since a missing score is not a score of 0.
func Compare(prev *run.Report, prevInfo RunInfo, cur *run.Report, trend []RunInfo) *run.History {
	h := &run.History{
		New:        []string{},
		Resolved:   []run.Finding{},
		Persisting: []string{},
		Trend:      []run.TrendPoint{},
	}
	if cur == nil {
		cur = &run.Report{}
	}
	curByID := byID(cur.Findings)
	if prev != nil {
		h.PreviousRun = prevInfo.Name
		prevByID := byID(prev.Findings)
		for id := range curByID {
			if _, ok := prevByID[id]; ok {
				h.Persisting = append(h.Persisting, id)
			} else {
				h.New = append(h.New, id)
			}
		}
		for id, f := range prevByID {
			if _, ok := curByID[id]; !ok {
				h.Resolved = append(h.Resolved, f)
			}
		}
		slices.Sort(h.New)
		slices.Sort(h.Persisting)
		run.SortFindings(h.Resolved)
	}

	past := slices.Clone(trend)
	slices.SortStableFunc(past, func(a, b RunInfo) int {
		if c := compareNames(a.Name, b.Name); c != 0 {
			return c
		}
		return a.Time.Compare(b.Time)
	})
	for _, r := range past {
		if r.HasScore {
			h.Trend = append(h.Trend, run.TrendPoint{Run: r.Name, Time: r.Time.UTC(), Overall: r.Overall, Findings: r.Unwaived})
		}
	}
	if cur.Score != nil {
		h.Trend = append(h.Trend, run.TrendPoint{Run: CurrentRun, Time: cur.GeneratedAt.UTC(), Overall: cur.Score.Overall, Findings: unwaived(cur.Findings)})
	}
	return h
}

// byID indexes findings by id, keeping the first of duplicates; a finding
// without an id cannot be followed across runs and is left out.
func byID(fs []run.Finding) map[string]run.Finding {
	m := make(map[string]run.Finding, len(fs))
	for _, f := range fs {
		if f.ID == "" {
			continue
		}
		if _, dup := m[f.ID]; !dup {
			m[f.ID] = f
		}
	}
	return m
}

func unwaived(fs []run.Finding) int {
	n := 0
	for _, f := range fs {
		if !f.Waived {
			n++
		}
	}
	return n
}
