package command

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parity-sec/parity/policies"
)

// TestGateAgreesEverywhere runs the CLI over {full, partial coverage} ×
// {--allow-partial or not} × every --fail-on and checks that the gate in
// the JSON, SARIF and JUnit reports states the exit code the process
// returned, and that the exit code is the one the rules give.
func TestGateAgreesEverywhere(t *testing.T) {
	stg, prd := examples(t)
	coverage := map[string]string{"full": prd, "partial": withGap(t, prd)}
	for _, cov := range []string{"full", "partial"} {
		for _, allow := range []bool{false, true} {
			for _, failOn := range append([]string{""}, append(policies.Severities, "none")...) {
				name := fmt.Sprintf("%s/allow-partial=%v/fail-on=%q", cov, allow, failOn)
				t.Run(name, func(t *testing.T) {
					// The example has unwaived critical findings, so every
					// threshold but none fails; partial coverage without
					// --allow-partial is exit 2 whatever the threshold.
					want := ExitGate
					switch {
					case cov == "partial" && !allow:
						want = ExitError
					case failOn == "none":
						want = ExitOK
					}
					dir := t.TempDir()
					js, sarif, junit := filepath.Join(dir, "r.json"), filepath.Join(dir, "r.sarif"), filepath.Join(dir, "r.xml")
					args := []string{"diff", stg, coverage[cov], "--format", "json", "-o", js, "--report", "sarif=" + sarif, "--report", "junit=" + junit}
					if failOn != "" {
						args = append(args, "--fail-on", failOn)
					}
					if allow {
						args = append(args, "--allow-partial")
					}
					code, _, stderr := parity(t, args...)
					if code != want {
						t.Fatalf("exit %d, want %d; stderr: %s", code, want, stderr)
					}
					if got := jsonGateCode(t, js); got != code {
						t.Errorf("JSON gate says exit %d, process exited %d", got, code)
					}
					if got := sarifExitCode(t, sarif); got != code {
						t.Errorf("SARIF invocation exitCode %d, process exited %d", got, code)
					}
					if got := junitGateCode(t, junit); got != code {
						t.Errorf("JUnit gate case says exit %d, process exited %d", got, code)
					}
				})
			}
		}
	}
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// jsonGateCode reads the exit code the JSON report's gate stands for,
// without using the run package's own mapping.
func jsonGateCode(t *testing.T, path string) int {
	var r struct {
		Gate *struct {
			Passed  bool `json:"passed"`
			Partial bool `json:"partial"`
		} `json:"gate"`
	}
	readJSON(t, path, &r)
	switch {
	case r.Gate == nil:
		t.Fatal("JSON report has no gate")
	case r.Gate.Partial:
		if r.Gate.Passed {
			t.Error("JSON gate is partial and passed at once")
		}
		return ExitError
	case !r.Gate.Passed:
		return ExitGate
	}
	return ExitOK
}

func sarifExitCode(t *testing.T, path string) int {
	var doc struct {
		Runs []struct {
			Invocations []struct {
				ExitCode *int `json:"exitCode"`
			} `json:"invocations"`
		} `json:"runs"`
	}
	readJSON(t, path, &doc)
	if len(doc.Runs) != 1 || len(doc.Runs[0].Invocations) != 1 || doc.Runs[0].Invocations[0].ExitCode == nil {
		t.Fatalf("SARIF has no invocation with an exit code: %+v", doc)
	}
	return *doc.Runs[0].Invocations[0].ExitCode
}

func junitGateCode(t *testing.T, path string) int {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Suites []struct {
			Name  string `xml:"name,attr"`
			Cases []struct {
				Name    string    `xml:"name,attr"`
				Failure *struct{} `xml:"failure"`
				Error   *struct{} `xml:"error"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	for _, s := range doc.Suites {
		if s.Name != "parity.gate" {
			continue
		}
		if len(s.Cases) != 1 {
			t.Fatalf("parity.gate has %d cases, want 1", len(s.Cases))
		}
		switch c := s.Cases[0]; {
		case c.Error != nil:
			return ExitError
		case c.Failure != nil:
			return ExitGate
		}
		return ExitOK
	}
	t.Fatalf("JUnit has no parity.gate suite:\n%s", strings.TrimSpace(string(data)))
	return -1
}

// TestNoCoverageCannotPass: two snapshots that say nothing about what they
// saw (no coverage records, no resources) used to pass with score 100.
func TestNoCoverageCannotPass(t *testing.T) {
	root := repoRoot(t)
	stg := filepath.Join(root, "testdata", "hostile", "no-coverage-staging.json")
	prd := filepath.Join(root, "testdata", "hostile", "no-coverage-production.json")
	out := filepath.Join(t.TempDir(), "r.json")
	code, _, stderr := parity(t, "diff", stg, prd, "--format", "json", "-o", out)
	if code != ExitError || !strings.Contains(stderr, "no coverage records") {
		t.Fatalf("exit %d, stderr %q; want exit 2 naming the missing coverage records", code, stderr)
	}
	var r struct {
		PartialAreas []string `json:"partial_areas"`
		Gate         struct {
			Passed  bool     `json:"passed"`
			Reasons []string `json:"reasons"`
		} `json:"gate"`
	}
	readJSON(t, out, &r)
	if len(r.PartialAreas) != 4 || r.Gate.Passed || len(r.Gate.Reasons) == 0 || !strings.Contains(r.Gate.Reasons[0], "staging snapshot has no coverage records") {
		t.Errorf("report: partial %v, gate %+v; want every area partial and the reason", r.PartialAreas, r.Gate)
	}
	if code, _, stderr := parity(t, "diff", stg, prd, "--allow-partial", "--format", "json", "-o", out); code != ExitOK {
		t.Errorf("--allow-partial: exit %d, want 0: %s", code, stderr)
	}
}

// TestOutputToDevNull: -o /dev/null writes through the device instead of
// renaming a regular file over it.
func TestOutputToDevNull(t *testing.T) {
	stg, prd := examples(t)
	if code, _, stderr := parity(t, "diff", stg, prd, "--fail-on", "none", "--format", "json", "-o", os.DevNull); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	fi, err := os.Stat(os.DevNull)
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		t.Fatalf("%s is no longer a character device: %v %v", os.DevNull, fi.Mode(), err)
	}
}
