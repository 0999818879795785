package command

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parity-sec/parity/reports"
)

// TestRunFromConfig drives `parity run` offline: the config names existing
// snapshots, a waiver, the gate and two report files.
func TestRunFromConfig(t *testing.T) {
	stg, prd := examples(t)
	dir := t.TempDir()
	cfg := writeFile(t, dir, "parity.yaml", `
environments:
  staging: {snapshot: `+stg+`}
  production: {snapshot: `+prd+`}
waivers:
  - rule: "identity.cross_env_role_chain"
    resource: "iam_role/global/payments-deploy-*"
    reason: "promotion path, replaced by CI role in PLAT-88"
    owner: platform@example.com
    expires: 2027-06-30
  - rule: "network.*"
    resource: "vpc/nowhere/*"
    reason: "matches nothing"
    owner: platform@example.com
    expires: 2027-06-30
gate: {fail_on: critical}
reports:
  - {format: json, path: out/parity.json}
  - {format: junit, path: out/parity.xml}
`)
	if err := os.Mkdir(filepath.Join(dir, "out"), 0o755); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := parity(t, "run", "--config", cfg)
	if code != ExitGate {
		t.Fatalf("exit %d, want %d (two other criticals remain): %s", code, ExitGate, stderr)
	}
	if !strings.Contains(stdout, "gate FAILED") {
		t.Errorf("table output lacks the gate line:\n%s", stdout)
	}
	data, err := os.ReadFile(filepath.Join(dir, "out", "parity.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rep reports.Report
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	waived := 0
	for _, f := range rep.Findings {
		if f.Waived {
			waived++
			if f.Rule != "identity.cross_env_role_chain" || f.Waiver == nil || f.Waiver.Owner != "platform@example.com" {
				t.Errorf("unexpected waived finding %+v", f)
			}
		}
	}
	if waived != 1 {
		t.Errorf("%d waived findings, want 1", waived)
	}
	if len(rep.Waivers) != 1 || rep.Waivers[0].Problem != "stale" {
		t.Errorf("waiver problems = %+v, want one stale", rep.Waivers)
	}
	if _, err := os.Stat(filepath.Join(dir, "out", "parity.xml")); err != nil {
		t.Errorf("junit report: %v", err)
	}
	for _, r := range rep.Gate.Reasons {
		if strings.Contains(r, "cross_env_role_chain") {
			t.Errorf("a waived finding still fails the gate: %s", r)
		}
	}
}

func TestRunNeedsConfig(t *testing.T) {
	code, _, stderr := parity(t, "run")
	if code != ExitError || !strings.Contains(stderr, "run needs --config") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}
