package run_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parity-sec/parity/collectors/snapshot"
	"github.com/parity-sec/parity/collectors/snapshot/snapshottest"
	"github.com/parity-sec/parity/policies"
	"github.com/parity-sec/parity/reports/run"
)

var now = time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)

func evaluate(t *testing.T, st, pr *snapshot.Snapshot, g run.GateOptions) *run.Report {
	t.Helper()
	e, err := policies.New(context.Background(), policies.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := run.Evaluate(context.Background(), st, pr, run.Options{Engine: e, Now: now, Gate: g})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestEvaluateExample: the report is in the one order, its summary is the
// one renderers show, and the gate fails on the example's critical drift.
func TestEvaluateExample(t *testing.T) {
	st, pr := snapshottest.Example(t)
	rep := evaluate(t, st, pr, run.GateOptions{})
	if len(rep.Findings) == 0 || len(rep.Changes) == 0 {
		t.Fatalf("%d findings, %d changes", len(rep.Findings), len(rep.Changes))
	}
	sorted := slices.Clone(rep.Findings)
	run.SortFindings(sorted)
	if !slices.EqualFunc(sorted, rep.Findings, func(a, b run.Finding) bool { return a.ID == b.ID }) {
		t.Error("findings are not in run.SortFindings order")
	}
	for i := 1; i < len(rep.Findings); i++ {
		if run.AreaRank(run.FindingArea(rep.Findings[i-1])) > run.AreaRank(run.FindingArea(rep.Findings[i])) {
			t.Errorf("finding %d is in an earlier area than finding %d", i, i-1)
		}
	}
	unwaived := 0
	for _, f := range rep.Findings {
		if !f.Waived {
			unwaived++
		}
	}
	summed := 0
	for _, a := range rep.Summary.Areas {
		summed += a.Findings
	}
	if summed != unwaived {
		t.Errorf("summary counts %d findings, report has %d unwaived", summed, unwaived)
	}
	if run.ExitCode(rep.Gate) != run.ExitGate || len(rep.PartialAreas) != 0 {
		t.Errorf("gate %+v, partial %v; want a failed gate on full coverage", rep.Gate, rep.PartialAreas)
	}
}

// TestNoCoverageRecordsIsPartial: a snapshot without any coverage record
// cannot vouch for any area, even when the other side is complete.
func TestNoCoverageRecordsIsPartial(t *testing.T) {
	st, pr := snapshottest.Example(t)
	st.Coverage = nil
	rep := evaluate(t, st, pr, run.GateOptions{FailOn: "none"})
	if !slices.Equal(rep.PartialAreas, snapshot.Areas) {
		t.Errorf("partial areas %v, want all of %v", rep.PartialAreas, snapshot.Areas)
	}
	if run.ExitCode(rep.Gate) != run.ExitPartial || !strings.Contains(strings.Join(rep.Gate.Reasons, " "), "staging snapshot has no coverage records") {
		t.Errorf("gate %+v: want exit 2 naming the staging snapshot", rep.Gate)
	}
	for _, a := range rep.Summary.Areas {
		if !a.Partial {
			t.Errorf("summary of %s is not marked partial", a.Area)
		}
	}
	rep = evaluate(t, st, pr, run.GateOptions{FailOn: "none", AllowPartial: true})
	if run.ExitCode(rep.Gate) != run.ExitOK || len(rep.PartialAreas) != 4 {
		t.Errorf("--allow-partial: gate %+v, partial %v; want a pass that still names the gaps", rep.Gate, rep.PartialAreas)
	}
}
