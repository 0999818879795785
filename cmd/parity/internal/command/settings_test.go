package command

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/urfave/cli/v2"

	"github.com/parity-sec/parity/cmd/parity/internal/config"
	"github.com/parity-sec/parity/reports/run"
)

// parseFlags parses args with the real diff/run flags.
func parseFlags(t *testing.T, args ...string) (evalOptions, error) {
	t.Helper()
	var opts evalOptions
	var perr error
	app := &cli.App{Writer: io.Discard, ErrWriter: io.Discard, Flags: evalFlags(),
		Action: func(c *cli.Context) error { opts, perr = parseEvalFlags(c); return nil }}
	if err := app.Run(append([]string{"parity"}, args...)); err != nil {
		t.Fatalf("parse %v: %v", args, err)
	}
	return opts, perr
}

// TestFlagsOverConfig covers every flag with a parity.yaml twin: given, it
// wins whatever its value; absent, the config stands.
func TestFlagsOverConfig(t *testing.T) {
	const yaml = `
policies: [cfgpol]
gate: {fail_on: critical, min_score: 70, allow_partial: true}
reports: [{format: sarif, path: cfg.sarif}]
history: {dir: /var/lib/parity, keep: 30}
`
	cfgFile := writeFile(t, t.TempDir(), "parity.yaml", yaml)
	cfg, err := config.Load(cfgFile)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Dir(cfgFile)
	base := settings{
		Gate:       run.GateOptions{FailOn: "critical", MinScore: 70, AllowPartial: true},
		HistoryDir: "/var/lib/parity", Keep: 30,
		PolicyDirs: []string{filepath.Join(dir, "cfgpol")},
		Reports:    []reportTarget{{Format: "sarif", Path: filepath.Join(dir, "cfg.sarif")}},
		FileMode:   0o600,
	}
	cases := []struct {
		name string
		args []string
		edit func(*settings)
	}{
		{"no flags: the config stands", nil, func(*settings) {}},
		{"--fail-on", []string{"--fail-on", "low"}, func(s *settings) { s.Gate.FailOn = "low" }},
		{"--fail-on none", []string{"--fail-on", "none"}, func(s *settings) { s.Gate.FailOn = "none" }},
		{"--min-score 0 lowers the configured minimum", []string{"--min-score", "0"}, func(s *settings) { s.Gate.MinScore = 0 }},
		{"--min-score 90", []string{"--min-score", "90"}, func(s *settings) { s.Gate.MinScore = 90 }},
		{"--allow-partial=false turns the config's off", []string{"--allow-partial=false"}, func(s *settings) { s.Gate.AllowPartial = false }},
		{"--history keeps the configured keep", []string{"--history", "/tmp/h"}, func(s *settings) { s.HistoryDir = "/tmp/h" }},
		{"--keep alone changes the configured history's keep", []string{"--keep", "0"}, func(s *settings) { s.Keep = 0 }},
		{"--history and --keep", []string{"--history", "/tmp/h", "--keep", "5"}, func(s *settings) { s.HistoryDir, s.Keep = "/tmp/h", 5 }},
		{"--policy adds to the config's", []string{"--policy", "mine"}, func(s *settings) { s.PolicyDirs = append([]string{"mine"}, s.PolicyDirs...) }},
		{"--report adds to the config's", []string{"--report", "junit=x.xml"}, func(s *settings) {
			s.Reports = append([]reportTarget{{Format: "junit", Path: "x.xml"}}, s.Reports...)
		}},
		{"--file-mode", []string{"--file-mode", "0640"}, func(s *settings) { s.FileMode = 0o640 }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			o, err := parseFlags(t, tc.args...)
			if err != nil {
				t.Fatal(err)
			}
			got, err := resolve(cfg, o)
			if err != nil {
				t.Fatal(err)
			}
			want := base
			want.PolicyDirs = append([]string(nil), base.PolicyDirs...)
			want.Reports = append([]reportTarget(nil), base.Reports...)
			tc.edit(&want)
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("settings (-want +got):\n%s", d)
			}
		})
	}
}

func TestKeepNeedsAHistory(t *testing.T) {
	o, err := parseFlags(t, "--keep", "3")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := resolve(&config.Config{}, o); err == nil || codeOf(err) != ExitError || !strings.Contains(err.Error(), "--keep needs --history") {
		t.Errorf("--keep without any history dir: got %v", err)
	}
}

// TestOutputsNeedDistinctPaths: two outputs to one file would keep only the
// last write; parity refuses before any work, with one line and exit 2.
func TestOutputsNeedDistinctPaths(t *testing.T) {
	stg, prd := examples(t)
	dir := t.TempDir()
	x := filepath.Join(dir, "x")
	for _, args := range [][]string{
		{"-o", x, "--report", "sarif=" + x},
		{"--report", "sarif=" + x, "--report", "junit=" + filepath.Join(dir, ".", "x")},
	} {
		code, stdout, stderr := parity(t, append([]string{"diff", stg, prd}, args...)...)
		if code != ExitError || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, "write the same file") {
			t.Errorf("%v: exit %d, stderr %q, want exit 2 and one line naming the clash", args, code, stderr)
		}
		if stdout != "" {
			t.Errorf("%v: wrote %d bytes to stdout before refusing", args, len(stdout))
		}
		if _, err := os.Stat(x); err == nil {
			t.Errorf("%v: %s was written", args, x)
		}
	}
}

func TestFileMode(t *testing.T) {
	stg, prd := examples(t)
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want fs.FileMode
	}{
		{nil, 0o600},
		{[]string{"--file-mode", "0644"}, 0o644},
	} {
		out := filepath.Join(dir, "r.json")
		os.Remove(out)
		args := append([]string{"diff", stg, prd, "--fail-on", "none", "--format", "json", "-o", out}, tc.args...)
		if code, _, stderr := parity(t, args...); code != ExitOK {
			t.Fatalf("%v: exit %d: %s", tc.args, code, stderr)
		}
		fi, err := os.Stat(out)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != tc.want {
			t.Errorf("%v: report mode %o, want %o", tc.args, got, tc.want)
		}
	}
	for _, bad := range []string{"rw", "0999", "4755", "0044"} {
		code, _, stderr := parity(t, "diff", stg, prd, "--file-mode", bad)
		if code != ExitError || !strings.HasPrefix(stderr, "parity: --file-mode") || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
			t.Errorf("--file-mode %s: exit %d, stderr %q; want exit 2 and one line", bad, code, stderr)
		}
	}
}

// TestSnapshotFileMode: parity snapshot writes 0600 unless --file-mode.
func TestSnapshotFileMode(t *testing.T) {
	exports := filepath.Join(repoRoot(t), "collectors", "testdata", "export")
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want fs.FileMode
	}{
		{nil, 0o600},
		{[]string{"--file-mode", "640"}, 0o640},
	} {
		out := filepath.Join(dir, fmt.Sprintf("s-%o.json", tc.want))
		args := append([]string{"snapshot", "--env", "production", "--from-dir", exports, "-o", out, "--quiet"}, tc.args...)
		if code, _, stderr := parity(t, args...); code != ExitOK {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		fi, err := os.Stat(out)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != tc.want {
			t.Errorf("%v: snapshot mode %o, want %o", tc.args, got, tc.want)
		}
	}
	if code, _, stderr := parity(t, "snapshot", "--env", "production", "--from-dir", exports, "-o", filepath.Join(dir, "x.json"), "--file-mode", "u+rw"); code != ExitError || !strings.Contains(stderr, "--file-mode") {
		t.Errorf("bad --file-mode on snapshot: exit %d, stderr %q", code, stderr)
	}
}
