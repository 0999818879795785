package history

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// fixture is one entry to create in a history directory.
type fixture struct {
	name  string
	files map[string]string // nil: save a valid run with report score
	score int
	age   time.Duration // for temp dirs: how long ago they were written
}

const snap = `{"schema_version":1}`

func good(name string, score int) fixture { return fixture{name: name, score: score} }

func raw(name, report string) fixture {
	return fixture{name: name, files: map[string]string{StagingFile: snap, ProductionFile: snap, ReportFile: report}}
}

func files(name string, fs map[string]string) fixture { return fixture{name: name, files: fs} }

// build creates the fixtures under dir: valid runs through Save (renamed
// to the wanted name), everything else by hand, as damage would leave it.
func build(t *testing.T, dir string, fx []fixture) {
	t.Helper()
	for _, f := range fx {
		path := filepath.Join(dir, f.name)
		switch {
		case f.files == nil:
			tmp := Store{Dir: filepath.Join(t.TempDir(), "h")}
			info, err := tmp.Save(context.Background(), mkRun(t0, report(f.score, "x")))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(filepath.Join(tmp.Dir, info.Name), path); err != nil {
				t.Fatal(err)
			}
		default:
			if err := os.MkdirAll(path, 0o755); err != nil {
				t.Fatal(err)
			}
			for n, data := range f.files {
				writeFile(t, filepath.Join(path, n), data)
			}
		}
		if f.age != 0 {
			at := t0.Add(-f.age)
			if err := os.Chtimes(path, at, at); err != nil {
				t.Fatal(err)
			}
		}
	}
}

const validReport = `{"schema_version":1,"findings":[]}`

func TestList(t *testing.T) {
	tests := []struct {
		name     string
		fx       []fixture
		runs     []string
		problems []string
	}{
		{name: "empty"},
		{
			name: "chronological with same-second collisions",
			fx: []fixture{
				good("20261123T021500Z-002", 3), good("20261123T021500Z", 1), good("20261123T021500Z-1000", 5),
				good("20261123T021500Z-999", 4), good("20261122T235959Z", 0), good("20261123T021500Z-001", 2),
			},
			runs: []string{"20261122T235959Z", "20261123T021500Z", "20261123T021500Z-001", "20261123T021500Z-002", "20261123T021500Z-999", "20261123T021500Z-1000"},
		},
		{
			name: "corrupt runs are skipped",
			fx: []fixture{
				good("20261120T000000Z", 50),
				raw("20261121T000000Z", `{"schema_version":1,"findings":[`),
				raw("20261121T000001Z", `garbage`),
				raw("20261121T000002Z", `{"schema_version":2}`),
				raw("20261121T000003Z", `{"findings":[]}`),
				raw("20261121T000004Z", `{"schema_version":1,"findings":[{"id":""}]}`),
				raw("20261121T000005Z", `{"schema_version":1,"score":{"overall":101}}`),
				raw("20261121T000006Z", `{"schema_version":1,"findings":{}}`),
				raw("20261121T000007Z", ""),
				good("20261122T000000Z", 60),
			},
			runs: []string{"20261120T000000Z", "20261122T000000Z"},
			problems: []string{
				"skipped 20261121T000000Z: report.json: truncated JSON (file ends at byte 32)",
				"skipped 20261121T000001Z: report.json: not a JSON object, not a parity report",
				"skipped 20261121T000002Z: report.json: schema_version 2 is not supported (this parity reads version 1)",
				"skipped 20261121T000003Z: report.json: no schema_version: not a parity report",
				"skipped 20261121T000004Z: report.json: findings[0]: empty id",
				"skipped 20261121T000005Z: report.json: score.overall 101 is outside 0-100",
				"skipped 20261121T000006Z: report.json: field findings: want []run.Finding, got JSON object",
				"skipped 20261121T000007Z: report.json: empty file, not a parity report",
			},
		},
		{
			name: "partial runs are skipped",
			fx: []fixture{
				files("20261121T000000Z", map[string]string{StagingFile: snap, ProductionFile: snap}),
				files("20261121T000001Z", map[string]string{ProductionFile: snap, ReportFile: validReport}),
				files("20261121T000002Z", map[string]string{StagingFile: snap, ReportFile: validReport}),
				files("20261121T000003Z", map[string]string{StagingFile: snap, ProductionFile: snap, ReportFile + "/x": "dir"}),
				{name: ".tmp-20261121T000004Z-123", files: map[string]string{StagingFile: snap}, age: 2 * time.Hour},
				{name: ".tmp-20261121T000005Z-456", files: map[string]string{StagingFile: snap}, age: 10 * time.Minute},
				good("20261122T000000Z", 60),
			},
			runs: []string{"20261122T000000Z"},
			problems: []string{
				"skipped 20261121T000000Z: missing report.json (partial run)",
				"skipped 20261121T000001Z: missing staging.json (partial run)",
				"skipped 20261121T000002Z: missing production.json (partial run)",
				"skipped 20261121T000003Z: report.json is not a regular file",
				"skipped .tmp-20261121T000004Z-123: unfinished save left behind; the next prune removes it",
			},
		},
		{
			name: "names that are not runs",
			fx: []fixture{
				good("20261120T000000Z", 50),
				raw("notes", validReport),
				raw("20261123T021500Z-0001", validReport),
				raw("20261323T021500Z", validReport),
				raw("20261123T021500Z-000", validReport),
				files(".git", map[string]string{"HEAD": "x"}),
			},
			runs: []string{"20261120T000000Z"},
			problems: []string{
				"skipped 20261123T021500Z-000: name has an invalid sequence suffix \"000\"",
				"skipped 20261123T021500Z-0001: name is not in canonical form (want 20261123T021500Z-001)",
				"skipped 20261323T021500Z: name is not a valid time: parsing time \"20261323T021500Z\": month out of range",
				"skipped notes: name is not a run time like 20261123T021500Z",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			build(t, dir, tt.fx)
			runs, problems, err := Store{Dir: dir, Now: clock(t0)}.List()
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, r := range runs {
				names = append(names, r.Name)
			}
			if d := cmp.Diff(tt.runs, names); d != "" {
				t.Errorf("runs (-want +got):\n%s", d)
			}
			if d := cmp.Diff(tt.problems, problemLines(problems)); d != "" {
				t.Errorf("problems (-want +got):\n%s", d)
			}
		})
	}
}

func problemLines(ps []Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.String())
	}
	return out
}

func TestListFileAtRunNameIsAProblem(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "20261123T021500Z"), validReport)
	runs, problems, err := Store{Dir: dir}.List()
	if err != nil || len(runs) != 0 {
		t.Fatalf("List = %v, _, %v; want no runs and no error", runs, err)
	}
	if d := cmp.Diff([]string{"skipped 20261123T021500Z: not a run directory"}, problemLines(problems)); d != "" {
		t.Errorf("problems (-want +got):\n%s", d)
	}
}

func TestListMissingDirIsEmpty(t *testing.T) {
	runs, problems, err := Store{Dir: filepath.Join(t.TempDir(), "nope")}.List()
	if err != nil || runs != nil || problems != nil {
		t.Fatalf("List = %v, %v, %v; want empty history", runs, problems, err)
	}
}

func TestListUnreadableDirIsAnError(t *testing.T) {
	file := filepath.Join(t.TempDir(), "history")
	writeFile(t, file, "not a directory")
	_, _, err := Store{Dir: file}.List()
	if err == nil || !strings.Contains(err.Error(), file) {
		t.Fatalf("err = %v, want an error naming %s", err, file)
	}
}

func TestLatest(t *testing.T) {
	tests := []struct {
		name     string
		fx       []fixture
		ok       bool
		run      string
		score    int
		problems int
	}{
		{name: "empty"},
		{name: "only broken", fx: []fixture{raw("20261121T000000Z", "{")}, problems: 1},
		{
			name: "newest broken falls back",
			fx:   []fixture{good("20261120T000000Z", 40), good("20261121T000000Z", 50), raw("20261122T000000Z", "{")},
			ok:   true, run: "20261121T000000Z", score: 50, problems: 1,
		},
		{
			name: "collision suffix is newer",
			fx:   []fixture{good("20261121T000000Z-001", 70), good("20261121T000000Z", 50)},
			ok:   true, run: "20261121T000000Z-001", score: 70,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			build(t, dir, tt.fx)
			r, info, ok, problems, err := Store{Dir: dir}.Latest()
			if err != nil {
				t.Fatal(err)
			}
			if ok != tt.ok || len(problems) != tt.problems {
				t.Fatalf("ok = %v with %d problems, want %v with %d", ok, len(problems), tt.ok, tt.problems)
			}
			if !ok {
				if r != nil {
					t.Errorf("no run but report %+v", r)
				}
				return
			}
			if info.Name != tt.run || r.Score.Overall != tt.score || info.Overall != tt.score {
				t.Errorf("Latest = %s score %d (info %d), want %s score %d", info.Name, r.Score.Overall, info.Overall, tt.run, tt.score)
			}
		})
	}
}

// TestListLatestAgrees: the one-scan call returns what List and Latest
// return separately.
func TestListLatestAgrees(t *testing.T) {
	dir := t.TempDir()
	build(t, dir, []fixture{good("20261120T000000Z", 40), good("20261121T000000Z", 50), raw("20261122T000000Z", "{")})
	s := Store{Dir: dir}
	wantRuns, _, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	wantR, wantInfo, wantOK, wantProblems, err := s.Latest()
	if err != nil {
		t.Fatal(err)
	}
	runs, r, info, ok, problems, err := s.ListLatest()
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(wantRuns, runs); d != "" {
		t.Errorf("runs (-List +ListLatest):\n%s", d)
	}
	if d := cmp.Diff(wantProblems, problems); d != "" {
		t.Errorf("problems (-Latest +ListLatest):\n%s", d)
	}
	if ok != wantOK || info != wantInfo || r.Score.Overall != wantR.Score.Overall || info.Name != "20261121T000000Z" {
		t.Errorf("latest = %s (ok %v), want %s (ok %v)", info.Name, ok, wantInfo.Name, wantOK)
	}
}
