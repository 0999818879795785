package reports

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCuts(t *testing.T) {
	for _, tc := range []struct {
		s        string
		n        int
		end, mid string
	}{
		{"payments-deploy-production", 30, "payments-deploy-production", "payments-deploy-production"},
		{"payments-deploy-production", 11, "payments-d…", "payme…ction"},
		{"abc", 0, "", ""},
		{"abcdef", 4, "abc…", "abc…"},
	} {
		if got := cutEnd(tc.s, tc.n); got != tc.end {
			t.Errorf("cutEnd(%q, %d) = %q, want %q", tc.s, tc.n, got, tc.end)
		}
		if got := cutMiddle(tc.s, tc.n); got != tc.mid {
			t.Errorf("cutMiddle(%q, %d) = %q, want %q", tc.s, tc.n, got, tc.mid)
		}
	}
}

// TestWrap: wrapped lines fit, keep every word, and never start with "::",
// which a CI log reads as a workflow command.
func TestWrap(t *testing.T) {
	p := &printer{width: 60}
	text := strings.Repeat("word ", 11) + "::error::pwned " + strings.Repeat("more ", 20)
	p.wrap("", text)
	out := p.b.String()
	if strings.Join(strings.Fields(out), " ") != strings.TrimSpace(text) {
		t.Errorf("words lost or changed:\n%s", out)
	}
	for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if utf8.RuneCountInString(l) > 60 {
			t.Errorf("line wider than 60: %q", l)
		}
		if strings.HasPrefix(strings.TrimLeft(l, " "), "::") {
			t.Errorf("line starts a workflow command: %q", l)
		}
	}
}

func TestWitnesses(t *testing.T) {
	ev := map[string]any{
		"extra_grants": []any{
			map[string]any{"witness": map[string]any{"action": "s3:GetObject"}},
			map[string]any{"witness": "tcp 22 from 0.0.0.0"},
		},
		"a": map[string]any{"b": 1},
	}
	got := witnesses(ev, nil)
	if len(got) != 2 || got[1] != "tcp 22 from 0.0.0.0" {
		t.Errorf("witnesses = %v", got)
	}
	if got := witnesses(map[string]any{"x": 1}, nil); len(got) != 0 {
		t.Errorf("no witness in evidence, got %v", got)
	}
}
