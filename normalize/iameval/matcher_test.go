package iameval

import (
	"math/rand"
	"strings"
	"testing"
)

// TestMatcherAgreesWithGlob: every fast path of matcher answers as the
// automaton does, in every mode, with and without case folding.
func TestMatcherAgreesWithGlob(t *testing.T) {
	pats := []string{"", "*", "?", "a", "ab*", "a*b", "a:*", "a:b:*", "a?c", "*:*", "s3:get*", "s3:*object",
		"arn:aws:s3:::b/*", "arn:aws:iam::1:role/*", "arn:*:s3:::*", "a*b*c", "**", "a:*:c", "A:B*", "x*?:*", "*?"}
	subj := []string{"", "a", "ab", "abc", "a:b", "a:b:c", "A:B", "aB", "s3:getobject", "s3:GetObject", "S3:PutObject",
		"arn:aws:s3:::b/k", "arn:aws:s3:::b/k:x", "arn:aws:iam::1:role/r", "arn:aws:iam::1:role/a:b", "x:y", "a?c", "a*b", "ABC", "é"}
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 300; i++ {
		var b strings.Builder
		for j := r.Intn(8); j > 0; j-- {
			b.WriteByte("ab:*?A"[r.Intn(6)])
		}
		pats = append(pats, b.String())
		b.Reset()
		for j := r.Intn(8); j > 0; j-- {
			b.WriteByte("ab:AB#"[r.Intn(6)])
		}
		subj = append(subj, b.String())
	}
	for _, mode := range []int{modeString, modeLiteral, modeFold, modeResource, modeArnCond} {
		for _, p := range pats {
			g := compileGlob(p, mode)
			m := newMatcher(g)
			for _, s := range subj {
				if got, want := m.match(s), g.match(s); got != want {
					t.Errorf("mode %d %q on %q: matcher %v, glob %v (kind %d)", mode, p, s, got, want, m.kind)
				}
				if !isASCII(s) {
					continue
				}
				if got, want := m.matchFold(s, true), g.match(strings.ToLower(s)); got != want {
					t.Errorf("mode %d %q on %q folded: matcher %v, glob %v (kind %d)", mode, p, s, got, want, m.kind)
				}
			}
		}
	}
}

// TestCanonicalAlready: the allocation-free path agrees with the full one.
func TestCanonicalAlready(t *testing.T) {
	for _, p := range []string{"AWS:arn:aws:iam::111122223333:role/r", "AWS:111122223333", "AWS:*", "Service:ec2.amazonaws.com",
		"Service:EC2.amazonaws.com", " AWS:x", "aws:x", "Federated:x", "*", "", "AWS:", "AWS:arn:aws:iam::1:root"} {
		if c, ok := canonicalAlready(p); ok && c != canonicalPrincipal(strings.Clone(" " + p)[1:]) {
			t.Errorf("%q: fast %q, full %q", p, c, canonicalPrincipal(p))
		}
	}
}
