package policies

import "testing"

func TestEqualJSON(t *testing.T) {
	tests := []struct {
		a, b any
		want bool
	}{
		{map[string]any{"a": []any{1, "x", true}}, map[string]any{"a": []any{1, "x", true}}, true},
		{map[string]any{"a": nil}, map[string]any{}, false},
		{map[string]any{"a": 1}, map[string]any{"b": 1}, false},
		{[]any{1}, []any{int64(1)}, false},
		{int64(2), int64(2), true},
		{map[string]any{"a": map[string]any{"b": "c"}}, map[string]any{"a": map[string]any{"b": "d"}}, false},
		{nil, nil, true},
		{"x", nil, false},
	}
	for i, tc := range tests {
		if got := equalJSON(tc.a, tc.b); got != tc.want {
			t.Errorf("case %d: equalJSON(%v, %v) = %v, want %v", i, tc.a, tc.b, got, tc.want)
		}
	}
}
