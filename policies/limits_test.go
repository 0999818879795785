package policies

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/rego"
)

// TestBoundedRange: the replacement keeps numbers.range's meaning and
// refuses ranges that would exhaust memory.
func TestBoundedRange(t *testing.T) {
	tests := []struct{ query, want, err string }{
		{"x := numbers.range(1, 4)", "[1 2 3 4]", ""},
		{"x := numbers.range(3, 1)", "[3 2 1]", ""},
		{"x := numbers.range(-1, -1)", "[-1]", ""},
		{"x := numbers.range_step(0, 10, 4)", "[0 4 8]", ""},
		{"x := numbers.range_step(10, 0, 4)", "[10 6 2]", ""},
		{"x := numbers.range(1, 1000000)", "", ""},
		{"x := numbers.range(1, 1e9)", "", "more than 1000000 numbers"},
		{"x := numbers.range(-1e18, 1e18)", "", "more than 1000000 numbers"},
		{"x := numbers.range_step(1, 5, 0)", "", "step must be a positive integer"},
	}
	for _, tt := range tests {
		rs, err := rego.New(rego.Query(tt.query), rego.StrictBuiltinErrors(true)).Eval(context.Background())
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: error %v, want %q", tt.query, err, tt.err)
			}
			continue
		}
		if err != nil || len(rs) != 1 {
			t.Errorf("%s: %v %v", tt.query, rs, err)
			continue
		}
		got := rs[0].Bindings["x"]
		if tt.want != "" {
			if fmt.Sprint(got) != tt.want {
				t.Errorf("%s = %v, want %s", tt.query, got, tt.want)
			}
		}
	}
}
