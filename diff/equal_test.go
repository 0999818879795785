package diff

import "testing"

func TestEqual(t *testing.T) {
	grant := func(a string) map[string]any { return map[string]any{"action": a, "condition": map[string]any{}} }
	cases := []struct {
		a, b any
		want bool
	}{
		{"x", "x", true}, {"x", "y", false}, {1, 1, true}, {1, 2, false}, {1, "1", false},
		{true, true, true}, {true, false, false}, {nil, nil, true}, {nil, "", false}, {"", nil, false},
		{[]any{"a", 1}, []any{"a", 1}, true}, {[]any{"a"}, []any{"a", "b"}, false}, {[]any{}, []any{}, true},
		{[]any{grant("s3:*")}, []any{grant("s3:*")}, true}, {[]any{grant("s3:*")}, []any{grant("s3:get*")}, false},
		{map[string]any{"a": 1}, map[string]any{"b": 1}, false}, {map[string]any{}, []any{}, false},
		{1.5, 1.5, true}, {1.5, 2.5, false},
		{map[string]any{"a": nil}, map[string]any{}, false}, {[]any{1}, []any{int64(1)}, false},
		{int64(2), int64(2), true}, {"x", nil, false},
		{map[string]any{"a": map[string]any{"b": "c"}}, map[string]any{"a": map[string]any{"b": "d"}}, false},
	}
	for _, c := range cases {
		if got := Equal(c.a, c.b); got != c.want {
			t.Errorf("Equal(%v, %v) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

// TestSortOrdersByValueWithinATie: changes equal in area, resource, path and
// action are ordered by their values, whatever order they arrive in.
func TestSortOrdersByValueWithinATie(t *testing.T) {
	mk := func(v string) Change {
		return Change{Action: OnlyProduction, Area: "identity", Resource: "iam_role/global/a", Path: "permissions", Production: v}
	}
	cs := []Change{mk("c"), {Action: Changed, Area: "network", Resource: "vpc/r/x", Path: "cidrs"}, mk("a"), mk("b")}
	Sort(cs)
	var got []any
	for _, c := range cs {
		got = append(got, c.Production)
	}
	want := []any{"a", "b", "c", nil}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("order = %v, want %v", got, want)
		}
	}
}
