package crossing

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// bruteMatch is the oracle: a direct recursive matcher.
func bruteMatch(g glob, s string) bool {
	if len(g) == 0 {
		return s == ""
	}
	switch g[0].kind {
	case '*':
		for i := 0; i <= len(s); i++ {
			if bruteMatch(g[1:], s[i:]) {
				return true
			}
		}
		return false
	case '?':
		return s != "" && bruteMatch(g[1:], s[1:])
	}
	return s != "" && s[0] == g[0].c && bruteMatch(g[1:], s[1:])
}

// strings over {a, b, x, *, ?} up to length n: x stands in for every other
// character (what intersect's witnesses use); * and ? occur in literal
// patterns.
func universe(n int) []string {
	out := []string{""}
	layer := []string{""}
	for i := 0; i < n; i++ {
		var next []string
		for _, s := range layer {
			for _, c := range "abx*?" {
				next = append(next, s+string(c))
			}
		}
		out = append(out, next...)
		layer = next
	}
	return out
}

func randPattern(r *rand.Rand) string {
	var b strings.Builder
	for i := r.IntN(4); i > 0; i-- {
		b.WriteByte("ab*?"[r.IntN(4)])
	}
	return b.String()
}

// TestIntersectOracle compares intersect with brute force on random
// pattern pairs: every pattern here has at most 3 tokens, so two patterns
// that intersect share a string of length <= 6.
func TestIntersectOracle(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	u := universe(6)
	for n := 0; n < 1000; n++ {
		k := 2
		var gs []glob
		var src []string
		for i := 0; i < k; i++ {
			p := randPattern(r)
			src = append(src, p)
			gs = append(gs, compileGlob(p, r.IntN(5) == 0))
		}
		want := ""
		found := false
		for _, s := range u {
			all := true
			for _, g := range gs {
				if !bruteMatch(g, s) {
					all = false
					break
				}
			}
			if all {
				want, found = s, true
				break
			}
		}
		got, ok := intersect(gs)
		if ok != found {
			t.Fatalf("intersect(%q) = %q, %v; oracle %q, %v", src, got, ok, want, found)
		}
		if ok {
			for _, g := range gs {
				if !bruteMatch(g, got) {
					t.Fatalf("intersect(%q) witness %q not matched by every pattern", src, got)
				}
			}
			if len(got) != len(want) {
				t.Fatalf("intersect(%q) witness %q is not shortest (oracle %q)", src, got, want)
			}
		}
	}
}

func TestOverlapTraps(t *testing.T) {
	tests := []struct {
		a, b    string
		literal [2]bool
		want    bool
	}{
		{"repo:org/app:*", "repo:org/app:*", [2]bool{}, true},
		{"repo:org/app:*", "repo:org/app:ref:refs/heads/main", [2]bool{false, true}, true},
		{"repo:org/app-staging:*", "repo:org/app-production:*", [2]bool{}, false},
		{"repo:org/*", "repo:other/*", [2]bool{}, false},
		{"repo:org/app*", "repo:org/app-*", [2]bool{}, true},
		{"repo:org/app:*", "repo:org/app:*", [2]bool{false, true}, true}, // the literal string with a star is matched by the pattern
		{"repo:org/a?p:x", "repo:org/app:x", [2]bool{false, true}, true},
		{"repo:org/a?p:x", "repo:org/ap:x", [2]bool{false, true}, false},
	}
	for _, tc := range tests {
		_, got := overlap([][]glob{{compileGlob(tc.a, tc.literal[0])}, {compileGlob(tc.b, tc.literal[1])}})
		if got != tc.want {
			t.Errorf("overlap(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// FuzzIntersect: hostile subject patterns never panic, and a witness is
// matched by every pattern.
func FuzzIntersect(f *testing.F) {
	f.Add("repo:org/app:*", "repo:org/*:ref:*", false)
	f.Add("a*b?c", "*", true)
	f.Fuzz(func(t *testing.T, a, b string, literal bool) {
		gs := []glob{compileGlob(a, false), compileGlob(b, literal)}
		w, ok := intersect(gs)
		if ok && w != "" {
			for _, g := range gs {
				if !dpMatch(g, w) {
					t.Fatalf("witness %q not matched by %q", w, []string{a, b})
				}
			}
		}
	})
}

// dpMatch is a quadratic matcher for long fuzz inputs, where the recursive
// oracle would take exponential time.
func dpMatch(g glob, s string) bool {
	prev := make([]bool, len(s)+1)
	prev[0] = true
	for _, t := range g {
		cur := make([]bool, len(s)+1)
		for j := 0; j <= len(s); j++ {
			switch t.kind {
			case '*':
				cur[j] = prev[j] || j > 0 && cur[j-1]
			case '?':
				cur[j] = j > 0 && prev[j-1]
			default:
				cur[j] = j > 0 && prev[j-1] && s[j-1] == t.c
			}
		}
		prev = cur
	}
	return prev[len(s)]
}

// TestLiteralIntersect: literals meet only when equal, and the state
// bound still answers for literals too long to explore.
func TestLiteralIntersect(t *testing.T) {
	long := strings.Repeat("a", 1100)
	tests := []struct {
		in []string
		w  string
		ok bool
	}{
		{[]string{"sts.amazonaws.com", "sts.amazonaws.com"}, "sts.amazonaws.com", true},
		{[]string{"repo:a", "repo:b"}, "", false},
		{[]string{"repo:a", "repo:ab"}, "", false},
		{[]string{"x", "x", "x"}, "x", true},
		{[]string{"", ""}, "", true},
		{[]string{long, long + "b"}, "", true}, // over maxStates: said to overlap, as before
	}
	for _, tc := range tests {
		var gs []glob
		for _, s := range tc.in {
			gs = append(gs, compileGlob(s, true))
		}
		if w, ok := intersect(gs); w != tc.w || ok != tc.ok {
			t.Errorf("intersect(%.20q) = %q, %v; want %q, %v", tc.in, w, ok, tc.w, tc.ok)
		}
	}
	if _, _, lit := literalIntersect([]glob{compileGlob("a*", false)}); lit {
		t.Error("a pattern with a wildcard taken for a literal")
	}
}
