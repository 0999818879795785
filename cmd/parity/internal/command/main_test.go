package command

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parity-sec/parity/collectors/snapshot/snapshottest"
	"github.com/parity-sec/parity/normalize/iamcatalog"
)

// repoRoot finds the module root so tests can use the shipped examples.
func repoRoot(t *testing.T) string { return snapshottest.RepoRoot(t) }

func parity(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Setenv("SOURCE_DATE_EPOCH", "1795000000")
	var out, errb bytes.Buffer
	code = Main(context.Background(), append([]string{"parity"}, args...), &out, &errb)
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const minimal = `{"schema_version":1,"environment":"%s","account_id":"%s","regions":["us-east-1"],
"coverage":[{"service":"iam","region":"global","status":"ok"}],
"identity":{"roles":[{"name":"app-%s","arn":"arn:aws:iam::%s:role/app","trust_policy":%s}]},
"secrets":{},"logging":{},"network":{}}`

func snap(env, acct, trust string) string {
	return fmt.Sprintf(minimal, env, acct, env, acct, trust)
}

func TestDiffBadInput(t *testing.T) {
	dir := t.TempDir()
	okTrust := `{"Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	stg := writeFile(t, dir, "staging.json", snap("staging", "111111111111", okTrust))
	prd := writeFile(t, dir, "production.json", snap("production", "222222222222", okTrust))
	full, _ := os.ReadFile(prd)
	cases := []struct {
		name string
		args []string
		want string // substring of the one-line error
	}{
		{"missing file", []string{"diff", stg, filepath.Join(dir, "nope.json")}, "nope.json: no such file or directory"},
		{"directory", []string{"diff", stg, dir}, "is a directory"},
		{"not JSON", []string{"diff", stg, writeFile(t, dir, "x.json", "hello")}, "x.json: not a JSON object"},
		{"truncated", []string{"diff", stg, writeFile(t, dir, "t.json", string(full[:len(full)/2]))}, "t.json: truncated JSON"},
		{"other schema", []string{"diff", stg, writeFile(t, dir, "v9.json", strings.Replace(string(full), `"schema_version":1`, `"schema_version":9`, 1))}, "v9.json: schema_version 9 is not supported"},
		{"same file twice", []string{"diff", stg, stg}, "same file"},
		{"same environment twice", []string{"diff", stg, writeFile(t, dir, "s2.json", snap("staging", "222222222222", okTrust))}, "both snapshots are of environment \"staging\""},
		{"malformed policy document", []string{"diff", stg, writeFile(t, dir, "bad.json", snap("production", "222222222222", `{"Statement":[{"Effect":"Permit","Action":"s3:*"}]}`))}, `bad.json: iam role app-production: trust_policy: statement 1: Effect "Permit" is not Allow or Deny`},
		{"policy document of wrong type", []string{"diff", stg, writeFile(t, dir, "num.json", snap("production", "222222222222", `42`))}, "num.json:"},
		{"one argument", []string{"diff", stg}, "diff needs two snapshot files"},
		{"bad format", []string{"diff", stg, prd, "--format", "pdf"}, `--format "pdf": want one of`},
		{"bad fail-on", []string{"diff", stg, prd, "--fail-on", "severe"}, `--fail-on "severe"`},
		{"bad report", []string{"diff", stg, prd, "--report", "sarif"}, `--report "sarif": want FORMAT=PATH`},
		{"unknown flag", []string{"diff", stg, prd, "--frobnicate"}, "flag provided but not defined: -frobnicate"},
		{"missing config", []string{"diff", stg, prd, "--config", filepath.Join(dir, "parity.yaml")}, "parity.yaml: no such file or directory"},
		{"bad config", []string{"diff", stg, prd, "--config", writeFile(t, dir, "bad.yaml", "gate:\n  fail_on: loud\n")}, `bad.yaml: gate.fail_on "loud"`},
		{"unknown config key", []string{"diff", stg, prd, "--config", writeFile(t, dir, "typo.yaml", "aliasses: {}\n")}, "typo.yaml: line 1: field aliasses not found"},
		{"unknown command", []string{"dif"}, `no command "dif"`},
		{"snapshot without env", []string{"snapshot", "-o", filepath.Join(dir, "s.json")}, "snapshot needs --env NAME"},
		{"snapshot without output", []string{"snapshot", "--env", "staging"}, "snapshot needs -o FILE"},
		{"external id alone", []string{"snapshot", "--env", "staging", "-o", "x.json", "--external-id", "x"}, "--external-id needs --role-arn"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := parity(t, tc.args...)
			if code != ExitError {
				t.Errorf("exit code = %d, want %d (stderr %q)", code, ExitError, stderr)
			}
			if !strings.Contains(stderr, tc.want) {
				t.Errorf("stderr = %q, want it to contain %q", stderr, tc.want)
			}
			if n := strings.Count(strings.TrimSpace(stderr), "\n"); n != 0 {
				t.Errorf("stderr has %d extra lines, want one line: %q", n, stderr)
			}
			if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine") {
				t.Errorf("stderr shows a panic: %q", stderr)
			}
			if stdout != "" && tc.name != "unknown command" {
				t.Errorf("stdout should be empty on error, got %q", stdout)
			}
		})
	}
}

// TestVersionNamesTheCatalogue: `parity version` says which IAM action
// catalogue decides what wildcards mean, with its pinned version and date.
func TestVersionNamesTheCatalogue(t *testing.T) {
	code, stdout, stderr := parity(t, "version")
	src := iamcatalog.Info()
	if code != ExitOK || !strings.Contains(stdout, src.Package+" "+src.Version) || !strings.Contains(stdout, src.Date) {
		t.Errorf("exit %d, stdout %q, stderr %q: want the catalogue %s %s of %s", code, stdout, stderr, src.Package, src.Version, src.Date)
	}
	if code, _, _ := parity(t, "version", "extra"); code != ExitError {
		t.Errorf("version with an argument: exit %d, want %d", code, ExitError)
	}
}
