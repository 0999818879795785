package crossing

import (
	"fmt"
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
