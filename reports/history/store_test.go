package history

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/parity-sec/parity/reports/run"
)

func TestSaveWritesOneCompleteRun(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "hist") // Save creates it
	s := Store{Dir: dir}
	r := report(87, "a", "b!")
	r.Gate = &run.Gate{Passed: true, FailOn: "high"}
	in := mkRun(t0.Add(123*time.Millisecond), r)
	info, err := s.Save(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	want := RunInfo{Name: "20261123T021500Z", Time: t0, Overall: 87, HasScore: true, Findings: 2, Unwaived: 1, GatePassed: ptr(true)}
	if d := cmp.Diff(want, info); d != "" {
		t.Errorf("info (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"20261123T021500Z"}, entries(t, dir)); d != "" {
		t.Errorf("history entries (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{ProductionFile, ReportFile, StagingFile}, entries(t, filepath.Join(dir, info.Name))); d != "" {
		t.Errorf("run files (-want +got):\n%s", d)
	}
	for name, want := range map[string][]byte{StagingFile: in.Staging, ProductionFile: in.Production} {
		got, err := os.ReadFile(filepath.Join(dir, info.Name, name))
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(string(want), string(got)); d != "" {
			t.Errorf("%s (-want +got):\n%s", name, d)
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, info.Name, ReportFile))
	if err != nil {
		t.Fatal(err)
	}
	var back run.Report
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(*r, back); d != "" {
		t.Errorf("report round trip (-want +got):\n%s", d)
	}
}

func TestSaveRejectsBadRuns(t *testing.T) {
	tests := []struct {
		name string
		dir  string
		edit func(*Run)
		want string
	}{
		{"no dir", "", func(*Run) {}, "no history directory"},
		{"no report", "x", func(r *Run) { r.Report = nil }, "no report"},
		{"old schema", "x", func(r *Run) { r.Report.SchemaVersion = 0 }, "schema_version 0"},
		{"no staging", "x", func(r *Run) { r.Staging = nil }, "staging snapshot is empty"},
		{"blank production", "x", func(r *Run) { r.Production = []byte(" \n") }, "production snapshot is empty"},
		{"year 10000", "x", func(r *Run) { r.Time = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) }, "cannot name a run"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := ""
			if tt.dir != "" {
				dir = filepath.Join(t.TempDir(), tt.dir)
			}
			in := mkRun(t0, report(90))
			tt.edit(&in)
			_, err := Store{Dir: dir}.Save(context.Background(), in)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
			if dir != "" {
				if _, err := os.Stat(dir); !os.IsNotExist(err) {
					t.Errorf("rejected run left %s behind (stat err %v)", dir, err)
				}
			}
		})
	}
}

func TestSaveCancelledLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := (Store{Dir: dir}).Save(ctx, mkRun(t0, report(90))); err == nil {
		t.Fatal("Save with a cancelled context succeeded")
	}
	if got := entries(t, dir); len(got) != 0 {
		t.Errorf("cancelled save left %v", got)
	}
}

func TestSaveSameSecondGetsSuffix(t *testing.T) {
	dir := t.TempDir()
	s := Store{Dir: dir}
	var got []string
	for i := range 3 {
		info, err := s.Save(context.Background(), mkRun(t0.Add(time.Duration(i)*time.Millisecond), report(90)))
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, info.Name)
	}
	want := []string{"20261123T021500Z", "20261123T021500Z-001", "20261123T021500Z-002"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("names (-want +got):\n%s", d)
	}
}

func TestSaveZeroTimeUsesClock(t *testing.T) {
	info, err := Store{Dir: t.TempDir(), Now: clock(t0.Add(time.Hour))}.Save(context.Background(), mkRun(time.Time{}, report(90)))
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff("20261123T031500Z", info.Name); d != "" {
		t.Errorf("name (-want +got):\n%s", d)
	}
}

// Concurrent saves in the same second must each get their own complete
// run: the rename either wins a name or moves on to the next one.
func TestSaveConcurrent(t *testing.T) {
	dir := t.TempDir()
	s := Store{Dir: dir}
	const n = 8
	names := make([]string, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			info, err := s.Save(context.Background(), mkRun(t0, report(i, "f")))
			names[i], errs[i] = info.Name, err
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("save %d: %v", i, err)
		}
	}
	seen := map[string]bool{}
	for _, n := range names {
		if seen[n] {
			t.Errorf("two saves got name %s", n)
		}
		seen[n] = true
	}
	got := entries(t, dir)
	if len(got) != n {
		t.Fatalf("history holds %v, want %d runs and no temp dirs", got, n)
	}
	scores := map[int]bool{}
	for _, name := range got {
		b, err := os.ReadFile(filepath.Join(dir, name, ReportFile))
		if err != nil {
			t.Fatal(err)
		}
		var r run.Report
		if err := json.Unmarshal(b, &r); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		scores[r.Score.Overall] = true
	}
	if len(scores) != n {
		t.Errorf("runs hold %d distinct reports, want %d (a save overwrote another)", len(scores), n)
	}
}

// A reader listing while runs are saved and pruned must never see a
// half-written or half-deleted run: every listing is problem-free.
func TestListDuringSaveAndPrune(t *testing.T) {
	dir := t.TempDir()
	s := Store{Dir: dir}
	const saves = 20
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		defer close(done)
		for i := range saves {
			if _, err := s.Save(context.Background(), mkRun(t0.Add(time.Duration(i%4)*time.Second), report(i, "a", "b"))); err != nil {
				t.Errorf("save %d: %v", i, err)
				return
			}
			if _, err := s.Prune(5); err != nil {
				t.Errorf("prune: %v", err)
				return
			}
		}
	})
	// Stop reading at the first bad listing but let the writer finish,
	// so the temp dir is not removed under it.
	var bad string
	for reading := true; reading && bad == ""; {
		select {
		case <-done:
			reading = false
		default:
		}
		runs, problems, err := s.List()
		switch {
		case err != nil:
			bad = err.Error()
		case len(problems) != 0:
			bad = fmt.Sprintf("reader saw problems %v", problems)
		case len(runs) > 6: // a prune may lag one save behind
			bad = fmt.Sprintf("reader saw %d runs with --keep 5", len(runs))
		}
	}
	wg.Wait()
	if bad != "" {
		t.Fatal(bad)
	}
	runs, _, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 5 {
		t.Errorf("after the last prune %d runs remain, want 5", len(runs))
	}
}
