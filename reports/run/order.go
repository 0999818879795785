package run

import (
	"cmp"
	"slices"

	"github.com/parity-sec/parity/collectors/snapshot"
	"github.com/parity-sec/parity/diff"
	"github.com/parity-sec/parity/normalize"
	"github.com/parity-sec/parity/policies"
)

// AreaOther collects findings whose category names no known area (a user
// policy with a typo, say), so they are still shown rather than dropped.
const AreaOther = "other"

// AreaRank orders areas as snapshot.Areas does, unknown areas last.
func AreaRank(a string) int {
	if i := slices.Index(snapshot.Areas, a); i >= 0 {
		return i
	}
	return len(snapshot.Areas)
}

// FindingArea is the report area of a finding: its category when that is an
// area, else the area of its kind (which the policy engine read from the
// canonical key), else AreaOther.
func FindingArea(f Finding) string {
	if slices.Contains(snapshot.Areas, f.Category) {
		return f.Category
	}
	if a, ok := normalize.KindArea[f.Kind]; ok {
		return a
	}
	return AreaOther
}

// ChangeArea is the area of a change, falling back to its kind.
func ChangeArea(c Change) string {
	if slices.Contains(snapshot.Areas, c.Area) {
		return c.Area
	}
	if a, ok := normalize.KindArea[c.Kind]; ok {
		return a
	}
	return AreaOther
}

// Areas lists the four areas in report order, plus AreaOther when a finding
// or change of r falls there.
func Areas(r *Report) []string {
	areas := slices.Clone(snapshot.Areas)
	for _, f := range r.Findings {
		if FindingArea(f) == AreaOther {
			return append(areas, AreaOther)
		}
	}
	for _, c := range r.Changes {
		if ChangeArea(c) == AreaOther {
			return append(areas, AreaOther)
		}
	}
	return areas
}

// SortFindings is the one order of findings every output shows: by area,
// most severe first, then rule, resource and id so ties are stable.
// Renderers that group by area keep this order inside each group.
func SortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(AreaRank(FindingArea(a)), AreaRank(FindingArea(b))),
			cmp.Compare(FindingArea(a), FindingArea(b)),
			cmp.Compare(policies.SeverityRank(b.Severity), policies.SeverityRank(a.Severity)),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Resource, b.Resource),
			cmp.Compare(a.ID, b.ID),
		)
	})
}

// Sort puts a report's lists in the one order every output shows:
// findings (and resolved findings) by SortFindings, changes by diff.Sort.
// Evaluate and history.Compare call it; renderers never re-sort.
func (r *Report) Sort() {
	SortFindings(r.Findings)
	SortChanges(r.Changes)
	if r.History != nil {
		SortFindings(r.History.Resolved)
	}
}

// SortChanges puts changes in diff.Sort's order. A change's names follow
// from its resource key, so they are reattached by key after sorting.
func SortChanges(cs []Change) {
	names := make(map[string]Names, len(cs))
	plain := make([]diff.Change, len(cs))
	for i, c := range cs {
		names[c.Resource] = c.Names
		plain[i] = c.Change
	}
	diff.Sort(plain)
	for i, c := range plain {
		cs[i] = Change{Change: c, Names: names[c.Resource]}
	}
}

// BySeverity returns a copy of fs in the order a person reads a list of
// findings: unwaived before waived, most severe first, then the report's
// own order (area, rule, resource).
func BySeverity(fs []Finding) []Finding {
	out := slices.Clone(fs)
	slices.SortStableFunc(out, func(a, b Finding) int {
		wa, wb := 0, 0
		if a.Waived {
			wa = 1
		}
		if b.Waived {
			wb = 1
		}
		return cmp.Or(cmp.Compare(wa, wb), cmp.Compare(policies.SeverityRank(b.Severity), policies.SeverityRank(a.Severity)))
	})
	return out
}
