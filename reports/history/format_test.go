package history

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/parity-sec/parity/collectors/snapshot/snapshottest/golden"
	"github.com/parity-sec/parity/reports/run"
)

func TestWriteList(t *testing.T) {
	tests := []struct {
		name     string
		runs     []RunInfo
		problems []Problem
	}{
		{name: "empty"},
		{
			name: "list",
			// Deliberately out of order: WriteList sorts.
			runs: []RunInfo{
				{Name: "20261123T021500Z-001", Time: t0, Overall: 91, HasScore: true, Findings: 3, Unwaived: 1, GatePassed: ptr(true)},
				{Name: "20261121T021500Z", Time: t0.AddDate(0, 0, -2), Overall: 64, HasScore: true, Findings: 12, Unwaived: 12, GatePassed: ptr(false)},
				{Name: "20261123T021500Z", Time: t0, Overall: 88, HasScore: true, Findings: 4, Unwaived: 2, GatePassed: ptr(true)},
				{Name: "20261122T021500Z", Time: t0.AddDate(0, 0, -1), Findings: 7, Unwaived: 5},
			},
			problems: []Problem{
				{Run: "notes", Message: "name is not a run time like 20261123T021500Z"},
				{Run: "20261122T120000Z", Message: "missing report.json (partial run)"},
				{Run: "bad\x1b[31mname", Message: "line one\nline two"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteList(&buf, tt.runs, tt.problems); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", "list-"+tt.name+".golden"), buf.Bytes())
		})
	}
}

// The table for a real history directory, end to end through Save and List.
func TestWriteListFromStore(t *testing.T) {
	dir := t.TempDir()
	s := Store{Dir: dir, Now: clock(t0)}
	for i, score := range []int{40, 55, 55, 70} {
		r := report(score, "a", "b!")
		r.Gate = &run.Gate{Passed: score >= 55}
		at := t0.AddDate(0, 0, -3+i)
		if i == 2 {
			at = t0.AddDate(0, 0, -2) // same second as the run before
		}
		if _, err := s.Save(context.Background(), mkRun(at, r)); err != nil {
			t.Fatal(err)
		}
	}
	build(t, dir, []fixture{raw("20261122T000000Z", `{"schema_version":1,"findings":[`)})
	runs, problems, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteList(&buf, runs, problems); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "list.golden"), buf.Bytes())
}
