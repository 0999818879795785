package collectors

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLineProgress(t *testing.T) {
	var b bytes.Buffer
	p := NewLineProgress(&b, func(s string) string { return s })
	p.Start("iam", "global")
	p.Done("iam", "global", 12, nil)
	p.Start("kms", "eu-west-1")
	p.Done("kms", "eu-west-1", 0, errors.New("ListKeys: AccessDeniedException:\n not allowed"))
	want := "iam global: 12 resources\nkms eu-west-1: 0 resources, incomplete: ListKeys: AccessDeniedException: not allowed\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestTerminalProgressFallsBack: a writer that is not a terminal gets plain
// lines, never carriage returns.
func TestTerminalProgressFallsBack(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "stderr")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, w := range []interface{ Write([]byte) (int, error) }{&bytes.Buffer{}, f} {
		if _, ok := NewTerminalProgress(w, nil).(*lineProgress); !ok {
			t.Errorf("%T: want the line progress when not a terminal", w)
		}
	}
}

// TestTerminalProgressRedraw drives the terminal display directly.
func TestTerminalProgressRedraw(t *testing.T) {
	var b bytes.Buffer
	p := &terminalProgress{w: &b, escape: func(s string) string { return s }, running: map[string]bool{}}
	p.Start("iam", "global")
	p.Start("ec2", "eu-west-1")
	p.Done("iam", "global", 3, nil)
	p.Done("ec2", "eu-west-1", 4, errors.New("DescribeVpcs: UnauthorizedOperation: no"))
	p.Finish()
	want := "\r\033[Kcollected 0 parts, 0 resources; running: iam global" +
		"\r\033[Kcollected 0 parts, 0 resources; running: ec2 eu-west-1, iam global" +
		"\r\033[Kcollected 1 parts, 3 resources; running: ec2 eu-west-1" +
		"\r\033[Kec2 eu-west-1: incomplete: DescribeVpcs: UnauthorizedOperation: no\n" +
		"\r\033[Kcollected 2 parts, 7 resources, 1 incomplete" +
		"\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestProgressEscapesAWSText: an error message from AWS may quote names
// staging's owners chose; it reaches the terminal only through the escape
// the caller gives, or quoted when there is none, in both displays.
func TestProgressEscapesAWSText(t *testing.T) {
	hostile := errors.New("Secret 'x\x1b]0;pwned\x07\x1b[2J' not found")
	marker := func(s string) string {
		return "<" + strings.NewReplacer("\x1b", "ESC", "\x07", "BEL").Replace(s) + ">"
	}
	for _, c := range []struct {
		name   string
		escape Escape
	}{{"given", marker}, {"none", nil}} {
		var line, term bytes.Buffer
		NewLineProgress(&line, c.escape).Done("secretsmanager", "us-east-1", 0, hostile)
		tp := &terminalProgress{w: &term, escape: c.escape, running: map[string]bool{}}
		tp.Done("secretsmanager", "us-east-1", 0, hostile)
		for name, out := range map[string]string{"line": line.String(), "terminal": term.String()} {
			// The terminal display's own status-line codes start with
			// "\r\x1b[K"; no other escape may appear.
			rest := strings.ReplaceAll(out, "\r\x1b[K", "")
			if strings.ContainsAny(rest, "\x1b\x07") {
				t.Errorf("%s escape, %s display printed a raw control: %q", c.name, name, out)
			}
			if c.escape != nil && !strings.Contains(out, "<Secret 'xESC]0;pwned") {
				t.Errorf("%s display did not use the escape given: %q", name, out)
			}
		}
	}
}
