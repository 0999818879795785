package command

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
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
	for _, args := range [][]string{{"--no-color"}, {"--format", "markdown"}} {
		code, stdout, stderr := run(t, append([]string{"diff", hostile(t, "escapes-staging.json"), hostile(t, "production.json"), "--allow-partial"}, args...)...)
		if code != ExitGate {
			t.Fatalf("%v: exit %d, want %d (stderr %q)", args, code, ExitGate, stderr)
		}
		if m := unsafeDisplay.FindString(stdout); m != "" {
			t.Errorf("%v: output carries %q raw:\n%s", args, m, stdout)
		}
		if args[0] == "--no-color" && !strings.Contains(stdout, `\x1b]0;pwned\x07`) {
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
	code, stdout, stderr := run(t, "diff", hostile(t, "markdown-staging.json"), hostile(t, "production.json"), "--format", "markdown", "--allow-partial", "--fail-on", "none")
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
