package command

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parity-sec/parity/collectors/snapshot/snapshottest"
	"github.com/parity-sec/parity/reports"
)

func examples(t *testing.T) (stg, prd string) { return snapshottest.ExamplePaths(t) }

// withGap copies a snapshot with one service's coverage marked denied.
func withGap(t *testing.T, src string) string {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	m["coverage"] = append(m["coverage"].([]any), map[string]any{"service": "kms", "region": "eu-west-1", "status": "denied", "message": "AccessDeniedException: not authorized"})
	out, _ := json.Marshal(m)
	return writeFile(t, t.TempDir(), "partial.json", string(out))
}

func TestExitCodes(t *testing.T) {
	stg, prd := examples(t)
	cases := []struct {
		name     string
		args     []string
		code     int
		lastLine string // substring of the last non-empty output line
	}{
		{"gate fails on the example (critical cross-account trust)", []string{"diff", stg, prd}, ExitGate, "gate FAILED"},
		{"gate passes when nothing gates", []string{"diff", stg, prd, "--fail-on", "none"}, ExitOK, ""},
		{"min score alone can fail", []string{"diff", stg, prd, "--fail-on", "none", "--min-score", "100"}, ExitGate, "below --min-score 100"},
		{"partial coverage is an error", []string{"diff", stg, withGap(t, prd), "--fail-on", "none"}, ExitError, "coverage is partial in secrets"},
		{"partial coverage allowed", []string{"diff", stg, withGap(t, prd), "--fail-on", "none", "--allow-partial"}, ExitOK, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := parity(t, tc.args...)
			if code != tc.code {
				t.Fatalf("exit code = %d, want %d\nstderr: %s", code, tc.code, stderr)
			}
			if tc.lastLine == "" {
				return
			}
			all := strings.TrimSpace(stdout + "\n" + stderr)
			lines := strings.Split(all, "\n")
			if last := lines[len(lines)-1]; !strings.Contains(last, tc.lastLine) {
				t.Errorf("last line = %q, want it to contain %q", last, tc.lastLine)
			}
		})
	}
}

func TestReportsAndOutputFiles(t *testing.T) {
	stg, prd := examples(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "parity.json")
	sarif := filepath.Join(dir, "parity.sarif")
	code, stdout, stderr := parity(t, "diff", stg, prd, "--format", "json", "-o", out, "--report", "sarif="+sarif, "--fail-on", "none")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if stdout != "" {
		t.Errorf("stdout should be empty with -o, got %d bytes", len(stdout))
	}
	var rep reports.Report
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatalf("json output: %v", err)
	}
	if rep.SchemaVersion != reports.SchemaVersion || len(rep.Changes) == 0 || len(rep.Findings) == 0 || rep.Score == nil {
		t.Errorf("json report incomplete: schema %d, %d changes, %d findings, score %v", rep.SchemaVersion, len(rep.Changes), len(rep.Findings), rep.Score)
	}
	if _, err := os.Stat(sarif); err != nil {
		t.Errorf("sarif report not written: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temp file left behind: %s", e.Name())
		}
	}
	// Same inputs, same bytes.
	out2 := filepath.Join(dir, "again.json")
	if code, _, stderr := parity(t, "diff", stg, prd, "--format", "json", "-o", out2, "--fail-on", "none"); code != ExitOK {
		t.Fatalf("second run exit %d: %s", code, stderr)
	}
	again, _ := os.ReadFile(out2)
	if string(again) != string(data) {
		t.Error("two runs on the same input gave different JSON")
	}
}

func TestHistoryAcrossRuns(t *testing.T) {
	stg, prd := examples(t)
	hist := filepath.Join(t.TempDir(), "history")
	for i, epoch := range []string{"1795000000", "1795086400"} {
		t.Setenv("SOURCE_DATE_EPOCH", epoch)
		var out, errb strings.Builder
		code := Main(t.Context(), []string{"parity", "diff", stg, prd, "--format", "json", "--history", hist, "--fail-on", "none"}, &out, &errb)
		if code != ExitOK {
			t.Fatalf("run %d: exit %d: %s", i, code, errb.String())
		}
		var rep reports.Report
		if err := json.Unmarshal([]byte(out.String()), &rep); err != nil {
			t.Fatal(err)
		}
		if rep.History == nil {
			t.Fatalf("run %d: no history section", i)
		}
		if i == 1 && (len(rep.History.New) != 0 || len(rep.History.Persisting) != len(rep.Findings)) {
			t.Errorf("second identical run: %d new, %d persisting of %d findings", len(rep.History.New), len(rep.History.Persisting), len(rep.Findings))
		}
	}
	code, stdout, stderr := parity(t, "history", hist)
	if code != ExitOK {
		t.Fatalf("history: exit %d: %s", code, stderr)
	}
	if strings.Count(stdout, "2026") < 2 {
		t.Errorf("history list should show two runs:\n%s", stdout)
	}
}
