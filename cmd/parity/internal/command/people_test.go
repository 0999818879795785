package command

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/parity-sec/parity/cmd/parity/internal/config"
	"github.com/parity-sec/parity/collectors/mototest"
)

// TestTableFitsWidth: at COLUMNS=80, 100 and 160 no line of the example
// diff, default view or every change, is wider than the terminal.
func TestTableFitsWidth(t *testing.T) {
	stg, prd := examples(t)
	for _, cols := range []int{80, 100, 160} {
		for _, extra := range [][]string{nil, {"--changes"}, {"-v", "--fail-on", "info"}} {
			t.Setenv("COLUMNS", itoa(cols))
			_, stdout, _ := parity(t, append([]string{"diff", stg, prd}, extra...)...)
			lines := strings.Split(strings.TrimRight(stdout, "\n"), "\n")
			if len(lines) < 20 {
				t.Fatalf("COLUMNS=%d %v: only %d lines", cols, extra, len(lines))
			}
			for i, l := range lines {
				if n := utf8.RuneCountInString(l); n > cols {
					t.Errorf("COLUMNS=%d %v: line %d has %d characters: %q", cols, extra, i+1, n, l)
				}
			}
			if last := lines[len(lines)-1]; !strings.HasPrefix(last, "gate FAILED") && !strings.HasPrefix(last, "gate PASSED") {
				t.Errorf("COLUMNS=%d %v: last line %q is not the verdict", cols, extra, last)
			}
		}
	}
}

// TestRealNamesInJSON: the headline finding (the critical cross-account
// trust) names the production role as AWS knows it and both accounts.
func TestRealNamesInJSON(t *testing.T) {
	stg, prd := examples(t)
	_, stdout, _ := parity(t, "diff", stg, prd, "--format", "json")
	var rep struct {
		Findings []json.RawMessage `json:"findings"`
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	for _, raw := range rep.Findings {
		var f struct{ Rule string }
		if err := json.Unmarshal(raw, &f); err != nil {
			t.Fatal(err)
		}
		if f.Rule != "identity.cross_env_role_chain" {
			continue
		}
		for _, want := range []string{"payments-deploy-production", "arn:aws:iam::222222222222:role/payments-deploy-production", "111111111111", "222222222222"} {
			if !strings.Contains(string(raw), want) {
				t.Errorf("headline finding lacks %q: %s", want, raw)
			}
		}
		if !strings.Contains(string(raw), `reaches production role arn:aws:iam::222222222222:role/payments-deploy-production`) {
			t.Errorf("message is not in real names: %s", raw)
		}
		return
	}
	t.Fatal("no identity.cross_env_role_chain finding in the example")
}

func TestSwappedSnapshots(t *testing.T) {
	stg, prd := examples(t)
	code, stdout, stderr := parity(t, "diff", prd, stg)
	if code != ExitError || stdout != "" {
		t.Fatalf("exit %d, stdout %q; want exit 2 and nothing on stdout", code, stdout)
	}
	line := strings.TrimSpace(stderr)
	if strings.Contains(line, "\n") {
		t.Errorf("want one line, got %q", stderr)
	}
	for _, want := range []string{"swapped", prd + " (environment production)", stg + " (environment staging)", "parity diff " + stg + " " + prd} {
		if !strings.Contains(line, want) {
			t.Errorf("message lacks %q: %s", want, line)
		}
	}
}

// TestPairingHint: --env prod against resources named *-production pairs
// almost nothing; the user is told why and which alias fixes it.
func TestPairingHint(t *testing.T) {
	stg, prd := examples(t)
	prod := rewriteSnapshot(t, prd, func(m map[string]any) { m["environment"] = "prod" })
	_, stdout, stderr := parity(t, "diff", stg, prod)
	for _, out := range []string{stdout, stderr} {
		flat := strings.Join(strings.Fields(out), " ")
		if !strings.Contains(flat, "few resources paired") || !strings.Contains(flat, "aliases: {prod: [production]}") {
			t.Errorf("no pairing hint naming the alias in:\n%s", out)
		}
	}
	_, stdout, _ = parity(t, "diff", stg, prd)
	if strings.Contains(stdout, "few resources paired") {
		t.Error("pairing hint on the example, whose resources pair")
	}
}

// TestSummaryOnStderr: a machine format, on stdout or in a file, still says
// why the gate failed on stderr.
func TestSummaryOnStderr(t *testing.T) {
	stg, prd := examples(t)
	out := filepath.Join(t.TempDir(), "r", "parity.json")
	for _, tc := range []struct {
		args []string
		dest string
	}{
		{[]string{"--format", "json"}, "report: stdout"},
		{[]string{"--format", "sarif", "-o", out}, "report: " + out},
	} {
		code, _, stderr := parity(t, append([]string{"diff", stg, prd}, tc.args...)...)
		if code != ExitGate {
			t.Fatalf("%v: exit %d", tc.args, code)
		}
		if !strings.Contains(stderr, "parity: gate FAILED: 5 findings at or above high (3 critical, 2 high)") || !strings.Contains(stderr, tc.dest) {
			t.Errorf("%v: stderr %q lacks the verdict and %q", tc.args, stderr, tc.dest)
		}
	}
}

func TestGitHubJobSummary(t *testing.T) {
	stg, prd := examples(t)
	path := filepath.Join(t.TempDir(), "summary.md")
	if err := os.WriteFile(path, []byte("earlier step\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GITHUB_STEP_SUMMARY", path)
	parity(t, "diff", stg, prd, "--format", "json", "-o", filepath.Join(t.TempDir(), "p.json"))
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), "earlier step\n") || !strings.Contains(string(data), "payments-deploy") {
		t.Errorf("job summary not appended:\n%s", data)
	}
}

// TestExampleConfigAsShipped runs the shipped example config from a copy
// laid out as in a fresh clone: every configured report and the history
// are written, directories created.
func TestExampleConfigAsShipped(t *testing.T) {
	stg, prd := examples(t)
	root := t.TempDir()
	data, err := os.ReadFile(filepath.Join(repoRoot(t), "docs", "parity.example.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cfgPath := writeFile(t, mkdir(t, filepath.Join(root, "docs")), "parity.example.yaml", string(data))
	code, _, stderr := parity(t, "diff", stg, prd, "--config", cfgPath)
	if code != ExitGate {
		t.Fatalf("exit %d, want %d: %s", code, ExitGate, stderr)
	}
	cfg, err := config.Load(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Reports) == 0 {
		t.Fatal("the example configures no reports")
	}
	for _, r := range cfg.Reports {
		if fi, err := os.Stat(cfg.Path(r.Path)); err != nil || fi.Size() == 0 {
			t.Errorf("report %s=%s not written: %v", r.Format, r.Path, err)
		}
	}
	if entries, err := os.ReadDir(cfg.Path(cfg.History.Dir)); err != nil || len(entries) != 1 {
		t.Errorf("history %s: %v entries, %v", cfg.History.Dir, len(entries), err)
	}
}

// TestRegionTypoFailsFast: a region that does not exist is refused before
// any call, against a real (moto) endpoint, within seconds.
func TestRegionTypoFailsFast(t *testing.T) {
	srv := mototest.Start(t, mototest.StagingAccount)
	for _, kv := range [][2]string{{"AWS_ACCESS_KEY_ID", "testing"}, {"AWS_SECRET_ACCESS_KEY", "testing"},
		{"AWS_CONFIG_FILE", "/dev/null"}, {"AWS_SHARED_CREDENTIALS_FILE", "/dev/null"}, {"AWS_EC2_METADATA_DISABLED", "true"}} {
		t.Setenv(kv[0], kv[1])
	}
	dir := t.TempDir()
	cfg := writeFile(t, dir, "parity.yaml", "environments:\n  staging: {regions: [us-east-9], endpoint_url: "+srv.URL+"}\n  production: {regions: [us-east-1], endpoint_url: "+srv.URL+"}\n")
	for _, args := range [][]string{
		{"snapshot", "--env", "staging", "--endpoint-url", srv.URL, "--region", "us-east-9", "--quiet", "-o", filepath.Join(dir, "s.json")},
		{"run", "--config", cfg},
	} {
		start := time.Now()
		code, _, stderr := parity(t, args...)
		if took := time.Since(start); took > 10*time.Second {
			t.Errorf("%s took %s", args[0], took)
		}
		if code != ExitError || !strings.Contains(stderr, `"us-east-9" is not an AWS region (did you mean us-east-1?)`) {
			t.Errorf("%s: exit %d, stderr %q", args[0], code, stderr)
		}
	}
}

func TestExplain(t *testing.T) {
	stg, prd := examples(t)
	t.Setenv("COLUMNS", "100")
	_, js, _ := parity(t, "diff", stg, prd, "--format", "json")
	id := ""
	var rep struct {
		Findings []struct{ ID, Rule string }
	}
	if err := json.Unmarshal([]byte(js), &rep); err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Findings {
		if f.Rule == "identity.cross_env_role_chain" {
			id = f.ID
		}
	}
	report := writeFile(t, t.TempDir(), "parity.json", js)
	for _, args := range [][]string{{"explain", id[:8], stg, prd}, {"explain", strings.ToUpper(id), "--from", report}} {
		code, stdout, stderr := parity(t, args...)
		if code != ExitOK {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		for _, want := range []string{"CRITICAL identity.cross_env_role_chain", "arn:aws:iam::111111111111:role/payments-deploy-staging",
			"arn:aws:iam::222222222222:role/payments-deploy-production", "EVIDENCE: PRODUCTION", "REMEDIATION"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("%v: output lacks %q:\n%s", args, want, stdout)
			}
		}
		for i, l := range strings.Split(stdout, "\n") {
			if utf8.RuneCountInString(l) > 100 {
				t.Errorf("line %d wider than 100: %q", i+1, l)
			}
		}
	}
	code, _, stderr := parity(t, "explain", "zzzz", stg, prd)
	if code != ExitError || !strings.Contains(stderr, `no finding with id "zzzz"`) {
		t.Errorf("unknown id: exit %d, %q", code, stderr)
	}
}

func TestEnumFlagsIgnoreCase(t *testing.T) {
	stg, prd := examples(t)
	code, stdout, stderr := parity(t, "diff", stg, prd, "--fail-on", "CRITICAL", "--format", "JSON", "--report", "SARIF="+filepath.Join(t.TempDir(), "p.sarif"))
	if code != ExitGate || !strings.HasPrefix(stdout, "{") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func rewriteSnapshot(t *testing.T, src string, edit func(map[string]any)) string {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return writeFile(t, t.TempDir(), filepath.Base(src), string(out))
}

func mkdir(t *testing.T, dir string) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// TestEndpointNotAWS: an HTTP server that is not an AWS API is named as
// such, not reported as "UnknownError: UnknownError".
func TestEndpointNotAWS(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusNotImplemented)
		fmt.Fprint(w, "<html><head><meta charset=utf-8></head><body>nope</body></html>")
	}))
	defer srv.Close()
	for _, kv := range [][2]string{{"AWS_ACCESS_KEY_ID", "testing"}, {"AWS_SECRET_ACCESS_KEY", "testing"}, {"AWS_REGION", "us-east-1"},
		{"AWS_CONFIG_FILE", "/dev/null"}, {"AWS_SHARED_CREDENTIALS_FILE", "/dev/null"}, {"AWS_EC2_METADATA_DISABLED", "true"}} {
		t.Setenv(kv[0], kv[1])
	}
	code, _, stderr := parity(t, "snapshot", "--env", "staging", "--endpoint-url", srv.URL, "--quiet", "-o", filepath.Join(t.TempDir(), "s.json"))
	if code != ExitError || !strings.Contains(stderr, srv.URL+" does not answer like an AWS API") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}
