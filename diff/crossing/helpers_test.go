package crossing

import (
	"fmt"
	"strings"
	"testing"
)

// TestContextKey holds contextKey to fmt.Sprint, whose spelling it
// replaces, on hostile values too.
func TestContextKey(t *testing.T) {
	for _, m := range []map[string][]string{
		nil, {}, {"a": nil}, {"a": {}},
		{"aws:principalarn": {"arn:aws:iam::${peer_account}:root"}, "aws:principalaccount": {"${peer_account}"}, "kms:calleraccount": {"x"}},
		{"b": {"x y", "z]"}, "a": {"map[", ":"}, "a b": {""}},
	} {
		if got, want := contextKey(m), fmt.Sprint(m); got != want {
			t.Errorf("contextKey(%#v) = %q, want %q", m, got, want)
		}
	}
}

// TestAccountOf holds accountOf to the strings.SplitN reading it replaces.
func TestAccountOf(t *testing.T) {
	split := func(arn string) string {
		parts := strings.SplitN(arn, ":", 6)
		if len(parts) < 6 || parts[0] != "arn" {
			return ""
		}
		return parts[4]
	}
	for _, arn := range []string{
		"", "arn", "arn:", "arn:aws", "arn:aws:iam::111111111111:role/x", "arn:aws:iam::111111111111", "arn:aws:iam::111111111111:",
		"arn:aws:s3:::bucket", "arn:aws:s3:::bucket/key:with:colons", "ARN:aws:iam::1:root", "xarn:aws:iam::1:root", "arn:::::", "arn::::",
		"arn:aws:logs:us-east-1:${peer_account}:destination:x", ":arn:a:b:c:d:e",
	} {
		if got, want := accountOf(arn), split(arn); got != want {
			t.Errorf("accountOf(%q) = %q, want %q", arn, got, want)
		}
	}
}
