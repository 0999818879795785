package command

import (
	"encoding/json"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The tests in this file drive the real command on the crafted snapshots and
// configs of testdata/hostile: each one is an attack an earlier version fell
// for (issue 12).

func hostile(t *testing.T, name string) string {
	t.Helper()
	return filepath.Join(repoRoot(t), "testdata", "hostile", name)
}

// unsafeDisplay matches what must never reach a terminal or a CI log raw:
// C0 controls other than newline, DEL, C1 controls (UTF-8 encoded), bidi
// controls and zero-width characters.
var unsafeDisplay = regexp.MustCompile("[\x00-\x09\x0b-\x1f\x7f\u0080-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")

func TestHostileEscapesInTable(t *testing.T) {
	// The values are in changes, which the table lists with --changes.
	for _, args := range [][]string{{"--no-color", "--changes"}, {"--format", "markdown"}} {
		code, stdout, stderr := parity(t, append([]string{"diff", hostile(t, "escapes-staging.json"), hostile(t, "production.json"), "--allow-partial"}, args...)...)
		if code != ExitGate {
			t.Fatalf("%v: exit %d, want %d (stderr %q)", args, code, ExitGate, stderr)
		}
		if m := unsafeDisplay.FindString(stdout); m != "" {
			t.Errorf("%v: output carries %q raw:\n%s", args, m, stdout)
		}
		if args[0] == "--no-color" && !strings.Contains(stdout, `\x1b]0;pwned`) {
			t.Errorf("%v: the escape sequence should be shown escaped:\n%s", args, stdout)
		}
		for _, line := range strings.Split(stdout, "\n") {
			if strings.HasPrefix(strings.TrimLeft(line, " |"), "::") || strings.HasPrefix(line, "-staging") {
				t.Errorf("%v: a value starts a line: %q", args, line)
			}
		}
	}
}

// TestHostileMarkdownMentions: a staging policy resource must not ping
// people, reference issues or link out from a pull-request comment.
func TestHostileMarkdownMentions(t *testing.T) {
	code, stdout, stderr := parity(t, "diff", hostile(t, "markdown-staging.json"), hostile(t, "production.json"), "--format", "markdown", "--allow-partial", "--fail-on", "none")
	if code != ExitOK {
		t.Fatalf("exit %d (stderr %q)", code, stderr)
	}
	if !strings.Contains(stdout, "evil") {
		t.Fatalf("the hostile value should be in the report:\n%s", stdout)
	}
	// Outside code spans, nothing may stay live.
	prose := regexp.MustCompile("`[^`]*`").ReplaceAllString(stdout, "")
	for _, live := range []string{"@org", "#1 ", "https://", "www.evil"} {
		if strings.Contains(prose, live) {
			t.Errorf("markdown keeps %q live:\n%s", live, stdout)
		}
	}
}

// TestHostileDecoyTwins: a decoy role named with an alias and copied from
// production, a parameter spelt in another case and a security group
// literally named with parity's token must neither hide the real
// resources' findings nor pass the gate.
func TestHostileDecoyTwins(t *testing.T) {
	code, stdout, stderr := parity(t, "diff", hostile(t, "decoy-staging.json"), hostile(t, "production.json"),
		"--config", hostile(t, "aliases.yaml"), "--format", "json", "--allow-partial")
	if code != ExitGate {
		t.Fatalf("exit %d, want %d (stderr %q)", code, ExitGate, stderr)
	}
	var rep struct {
		Findings []struct{ Rule, Severity, Resource, Message string }
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"identity.wider_permissions/iam_role/global/payments-api-${env}":                           "critical",
		"secrets.parameter_plaintext/ssm_parameter/us-east-1//payments/${env}/webhook-signing-key": "medium",
		"identity.ambiguous_twin/iam_role/global/payments-api-${env}":                              "high",
		"identity.ambiguous_twin/ssm_parameter/us-east-1//payments/${env}/webhook-signing-key":     "high",
	}
	got := map[string]string{}
	for _, f := range rep.Findings {
		got[f.Rule+"/"+f.Resource] = f.Severity
		if strings.HasPrefix(f.Resource, "security_group/") && f.Rule == "identity.ambiguous_twin" {
			t.Errorf("the group literally named x-${env} took the token: %+v", f)
		}
		if f.Rule == "identity.ambiguous_twin" && strings.Contains(f.Resource, "iam_role") &&
			!(strings.Contains(f.Message, "payments-api-staging") && strings.Contains(f.Message, "payments-api-stage")) {
			t.Errorf("ambiguous twin should name every candidate: %q", f.Message)
		}
	}
	for k, sev := range want {
		if got[k] != sev {
			t.Errorf("finding %s: severity %q, want %q (all: %v)", k, got[k], sev, got)
		}
	}
}

// TestHostileReservedPackage: a --policy module may not add to parity.lib
// (switching built-in findings off); exit 2 naming file and package.
func TestHostileReservedPackage(t *testing.T) {
	code, _, stderr := parity(t, "diff", hostile(t, "decoy-staging.json"), hostile(t, "production.json"),
		"--policy", hostile(t, "policy-lib"), "--allow-partial")
	if code != ExitError {
		t.Fatalf("exit %d, want %d (stderr %q)", code, ExitError, stderr)
	}
	if !strings.Contains(stderr, "lib.rego:3: package parity.lib is reserved") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("stderr = %q, want one line naming lib.rego and parity.lib", stderr)
	}
}

// TestHostileCatchAllWaiver: a rule "*" resource "*" waiver is refused
// unless allowed, and when allowed it and its far expiry are listed.
func TestHostileCatchAllWaiver(t *testing.T) {
	args := []string{"diff", hostile(t, "decoy-staging.json"), hostile(t, "production.json"),
		"--config", hostile(t, "catch-all-waiver.yaml"), "--allow-partial", "--no-color"}
	code, _, stderr := parity(t, args...)
	if code != ExitError || !strings.Contains(stderr, "catch-all-waiver.yaml: waivers[0]: rule \"*\" and resource \"*\" waive every finding") {
		t.Fatalf("exit %d, stderr %q: want exit 2 refusing waivers[0]", code, stderr)
	}
	code, stdout, stderr := parity(t, append(args, "--allow-broad-waivers")...)
	if code != ExitOK {
		t.Fatalf("with --allow-broad-waivers: exit %d, want 0 (stderr %q)", code, stderr)
	}
	for _, want := range []string{"WAIVER PROBLEMS", "BROAD", "LONG-TERM"} {
		if !strings.Contains(strings.ToUpper(stdout), want) {
			t.Errorf("the report should list %s:\n%s", want, stdout)
		}
	}
}

// TestHostileSecondYAMLDocument: a second document in parity.yaml is an
// error, not silently ignored.
func TestHostileSecondYAMLDocument(t *testing.T) {
	code, _, stderr := parity(t, "diff", hostile(t, "decoy-staging.json"), hostile(t, "production.json"),
		"--config", hostile(t, "two-documents.yaml"))
	if code != ExitError || !strings.Contains(stderr, "two-documents.yaml: line 3: a second YAML document") || strings.Count(stderr, "\n") != 1 {
		t.Fatalf("exit %d, stderr %q: want one line naming the file and the second document", code, stderr)
	}
}

// TestHostileSARIFLocations: a resource named like a repository path must
// not become a SARIF artifact URI that resolves to that file, and the
// machine formats keep hostile strings exact.
func TestHostileSARIFLocations(t *testing.T) {
	_, stdout, stderr := parity(t, "diff", hostile(t, "escapes-staging.json"), hostile(t, "production.json"), "--format", "sarif", "--allow-partial")
	var doc struct {
		Runs []struct {
			Results []struct {
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil || len(doc.Runs) != 1 {
		t.Fatalf("not SARIF: %v (stderr %q)", err, stderr)
	}
	base, _ := url.Parse("file:///repo/")
	exact := false
	for _, res := range doc.Runs[0].Results {
		exact = exact || strings.Contains(res.Message.Text, "\x1b]0;pwned\x07") || strings.Contains(res.Message.Text, "evil\r::error")
		for _, loc := range res.Locations {
			u, err := url.Parse(loc.PhysicalLocation.ArtifactLocation.URI)
			if err != nil {
				t.Fatalf("uri %q: %v", loc.PhysicalLocation.ArtifactLocation.URI, err)
			}
			if r := base.ResolveReference(u); r.Scheme == "file" {
				t.Errorf("uri %q resolves to the file %s", u, r.Path)
			}
		}
	}
	if !exact {
		t.Error("SARIF should keep the hostile strings exact (JSON-encoded), not escaped for display")
	}
}

// TestHostilePolicyTimeout: a user rule that would run for hours stops at
// --policy-timeout with exit 2, naming the rule.
func TestHostilePolicyTimeout(t *testing.T) {
	start := time.Now()
	code, _, stderr := parity(t, "diff", hostile(t, "decoy-staging.json"), hostile(t, "production.json"),
		"--policy", hostile(t, "policy-slow"), "--policy-timeout", "1s", "--allow-partial")
	if code != ExitError || !strings.Contains(stderr, "exceeded --policy-timeout 1s") || !strings.Contains(stderr, "team.slow") {
		t.Fatalf("exit %d, stderr %q: want exit 2 naming team.slow", code, stderr)
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("took %s to stop", d)
	}
}

// TestHostilePolicyMemory: numbers.range(1, 1e9) in a user rule fails the
// run with exit 2 instead of killing the process.
func TestHostilePolicyMemory(t *testing.T) {
	code, _, stderr := parity(t, "diff", hostile(t, "decoy-staging.json"), hostile(t, "production.json"),
		"--policy", hostile(t, "policy-memory"), "--allow-partial")
	if code != ExitError || !strings.Contains(stderr, "numbers.range: more than 1000000 numbers") {
		t.Fatalf("exit %d, stderr %q: want exit 2 refusing the range", code, stderr)
	}
}

// TestHostileUnboundedInput: the size cap does not trust stat(): a device
// reports size 0 and never ends, yet the run exits 2 at once; a file over
// --max-snapshot-size is refused.
func TestHostileUnboundedInput(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	code, _, stderr := parity(t, "diff", "/dev/zero", hostile(t, "production.json"))
	if code != ExitError || !strings.Contains(stderr, "/dev/zero: not a JSON object") {
		t.Errorf("exit %d, stderr %q: want exit 2 naming /dev/zero", code, stderr)
	}
	code, _, stderr = parity(t, "diff", hostile(t, "decoy-staging.json"), hostile(t, "production.json"), "--max-snapshot-size", "1000")
	if code != ExitError || !strings.Contains(stderr, "larger than the snapshot size limit of 1000 bytes") {
		t.Errorf("exit %d, stderr %q: want the size limit named", code, stderr)
	}
}

// TestHostileJSONExact: the JSON report is for machines and keeps hostile
// strings exact (JSON-escaped), never display-escaped.
func TestHostileJSONExact(t *testing.T) {
	_, stdout, stderr := parity(t, "diff", hostile(t, "escapes-staging.json"), hostile(t, "production.json"), "--format", "json", "--allow-partial")
	var rep struct {
		Findings []struct{ Resource, Message string }
		Changes  []struct{ Staging, Production any }
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("not JSON: %v (stderr %q)", err, stderr)
	}
	keyExact, valueExact := false, false
	for _, f := range rep.Findings {
		keyExact = keyExact || strings.Contains(f.Resource, "evil\r::error title=forged::all clear\n-${env}")
	}
	for _, c := range rep.Changes {
		b, _ := json.Marshal(c)
		valueExact = valueExact || strings.Contains(string(b), `\u001b]0;pwned\u0007`)
	}
	if !keyExact || !valueExact {
		t.Errorf("JSON should keep the resource key (%v) and the condition value (%v) exact", keyExact, valueExact)
	}
}

// TestHostileStderr: an error line that quotes a hostile name stays one
// line with the controls escaped.
func TestHostileStderr(t *testing.T) {
	code, _, stderr := parity(t, "diff", hostile(t, "stderr-staging.json"), hostile(t, "production.json"))
	if code != ExitError {
		t.Fatalf("exit %d, want %d (stderr %q)", code, ExitError, stderr)
	}
	if m := unsafeDisplay.FindString(stderr); m != "" || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, `x\x1b]0;pwned\x07\x0d::error`) {
		t.Errorf("stderr = %q: want one line with the name escaped", stderr)
	}
}

// TestProgressLinesAreSanitized: collection progress on stderr passes AWS's
// error text (which may quote a staging-chosen name) through the display
// sanitizer, so it can neither drive the terminal nor start a line.
func TestProgressLinesAreSanitized(t *testing.T) {
	var b strings.Builder
	p := progressFor(&b)
	p.Done("secretsmanager", "us-east-1", 0, errors.New("Secret 'x\x1b]0;pwned\x07' not found\n::error::gate passed"))
	out := b.String()
	if strings.ContainsAny(out, "\x1b\x07") || strings.Contains(out, "\n::error") {
		t.Errorf("progress printed AWS text unescaped: %q", out)
	}
	if !strings.Contains(out, "pwned") {
		t.Errorf("progress dropped the message instead of escaping it: %q", out)
	}
}
