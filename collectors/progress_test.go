package collectors

import (
	"bytes"
	"errors"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLineProgress(t *testing.T) {
	var b bytes.Buffer
	p := NewLineProgress(&b)
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
		if _, ok := NewTerminalProgress(w).(*lineProgress); !ok {
			t.Errorf("%T: want the line progress when not a terminal", w)
		}
	}
}

// TestTerminalProgressRedraw drives the terminal display directly.
func TestTerminalProgressRedraw(t *testing.T) {
	var b bytes.Buffer
	p := &terminalProgress{w: &b, running: map[string]bool{}}
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
