package history

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/parity-sec/parity/policies"
	"github.com/parity-sec/parity/reports/run"
)

var t0 = time.Date(2026, 11, 23, 2, 15, 0, 0, time.UTC)

// finding builds a finding; a trailing "!" on the id marks it waived.
func finding(id string) run.Finding {
	waived := false
	if n := len(id); n > 0 && id[n-1] == '!' {
		id, waived = id[:n-1], true
	}
	return run.Finding{Finding: policies.Finding{ID: id, Rule: "rule-" + id, Severity: policies.SeverityHigh, Resource: "iam_role/global/" + id, Waived: waived}}
}

// report builds a valid report with the given score (<0: none) and findings.
func report(score int, ids ...string) *run.Report {
	r := &run.Report{SchemaVersion: run.SchemaVersion, GeneratedAt: t0, Findings: []run.Finding{}}
	if score >= 0 {
		r.Score = &policies.Score{Overall: score, Areas: map[string]int{"identity": score}}
	}
	for _, id := range ids {
		r.Findings = append(r.Findings, finding(id))
	}
	return r
}

func mkRun(t time.Time, r *run.Report) Run {
	return Run{Time: t, Staging: []byte(`{"schema_version":1,"environment":"staging"}`), Production: []byte(`{"schema_version":1,"environment":"production"}`), Report: r}
}

// clock is a Store.Now that always says at.
func clock(at time.Time) func() time.Time {
	return func() time.Time { return at }
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func ptr[T any](v T) *T { return &v }
