package iameval

import (
	"fmt"
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
			direct := matcherFor(p, mode)
			for _, s := range subj {
				if got, want := direct.match(s), g.match(s); got != want {
					t.Errorf("mode %d %q on %q: matcherFor %v, glob %v (kind %d)", mode, p, s, got, want, direct.kind)
				}
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

// TestFingerprint: the statement fingerprint is what fmt printed before.
func TestFingerprint(t *testing.T) {
	stmts := []Statement{
		{Effect: "Allow", Actions: []string{"s3:Get*", "kms:\"x\u00e9\x01"}, Resources: []string{"*"}},
		{Effect: "Deny", NotAction: true, Actions: []string{"*"}, NotResource: true, Resources: []string{"arn:aws:s3:::b/*", "\xff"}},
		{Effect: "Allow", Principals: []string{"AWS:123456789012", "*"}, NotPrincipal: true, Actions: []string{"sts:AssumeRole"},
			Condition: map[string]map[string][]string{"stringequals": {"aws:sourceaccount": {"1", "2"}}, "bool": {"aws:securetransport": nil}, "foo": {"k": {"v"}}}},
		{},
	}
	p := compileT(stmts...)
	for i, s := range p.stmts {
		want := fmt.Sprintf("%v|%v|%v|%v|%v|%v|%q|%q|%q", s.deny, s.anyPrin, s.notPrin, s.notAction, s.anyRes, s.notRes, s.prins, s.actions, s.resources)
		for _, c := range s.clauses {
			want += fmt.Sprintf("|%s %s %q", c.op, c.key, c.values)
		}
		if got := s.print(); got != want {
			t.Errorf("statement %d: fingerprint\n%s\nwant\n%s", i, got, want)
		}
	}
}

// TestPrincipalMatchers: the principal matchers are those of principalGlobs.
func TestPrincipalMatchers(t *testing.T) {
	subj := []string{"AWS:arn:aws:iam::111122223333:root", "AWS:arn:aws:iam::111122223333:role/x", "AWS:arn:aws:sts::111122223333:assumed-role/r/s",
		"AWS:arn:aws:iam::111122223334:root", "Service:ec2.amazonaws.com", "AWS:arn:aws:iam::1:root", "AWS:arn:aws:iam::1:rootx"}
	for _, p := range []string{"AWS:arn:aws:iam::111122223333:root", "AWS:arn:aws:iam::1:root", "Service:ec2.amazonaws.com", "AWS:arn:aws:iam::a:b:root"} {
		ms := appendPrincipalMatchers(nil, p)
		for _, s := range subj {
			got, want := false, false
			for i := range ms {
				got = got || ms[i].match(s)
			}
			for _, g := range principalGlobs(p) {
				want = want || g.match(s)
			}
			if got != want {
				t.Errorf("%q on %q: %v, want %v", p, s, got, want)
			}
		}
	}
}

// TestGradeDeltas: grading by matchers agrees with the globs it replaced.
func TestGradeDeltasMatchers(t *testing.T) {
	for _, acts := range [][]string{{"IAM:PassRole"}, {"iam:GetRole"}, {"s3:GetObject"}, {"s3:getobjectacl"}, {"dynamodb:GetItem"},
		{"kms:Decrypt"}, {"SSM:GetParameters"}, {"lambda:UpdateFunctionCode"}, {"sqs:ListQueues"}, {"rds:CreateDBSnapshot"}, {"s3:ÖbjectX"}} {
		svc, _, _ := strings.Cut(strings.ToLower(acts[0]), ":")
		d := Delta{Service: svc, Actions: acts}
		want := ReachOther
		for _, rule := range reachRules {
			hit := false
			for _, p := range rule.pats {
				ps, pa, _ := strings.Cut(p, ":")
				if ps != svc || pa == "*" {
					continue
				}
				for _, a := range acts {
					hit = hit || compileGlob(p, modeString).match(strings.ToLower(a))
				}
			}
			if hit {
				want = rule.reach
				break
			}
		}
		if got := GradeDeltas([]Delta{d}); got != want {
			t.Errorf("%v: %s, want %s", acts, got, want)
		}
	}
}

// TestExploreShortcut: the answer exploreN gives without searching for a
// single literal or prefix glob is the search's, witnesses and order
// included, and so is its exactness within the limit.
func TestExploreShortcut(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	pats := []string{"a", ":", "a*", "::*", "arn:aws:s3:::b/*", "arn:aws:iam::1:role/x", "#", "#*", "~*", "x:*"}
	for i := 0; i < 400; i++ {
		var b strings.Builder
		for j := 1 + r.Intn(10); j > 0; j-- {
			b.WriteByte("ab:#~_-0Z"[r.Intn(9)])
		}
		if r.Intn(2) == 0 {
			b.WriteByte('*')
		}
		pats = append(pats, b.String())
	}
	for _, p := range pats {
		for _, mode := range []int{modeResource, modeString, modeLiteral, modeArnCond} {
			g := compileGlob(p, mode)
			w, ok := prefixShape(g)
			if !ok {
				continue
			}
			for _, limit := range []int{2000, len(w) + 3, len(w) + 2, len(w) + 1} {
				got, gotExact := exploreN([]glob{g}, 0, limit)
				want, wantExact := exploreBFS([]glob{g}, 0, limit)
				if fmt.Sprint(got) != fmt.Sprint(want) || gotExact != wantExact {
					t.Errorf("%q mode %d limit %d: %v %v, search %v %v", p, mode, limit, got, gotExact, want, wantExact)
				}
			}
		}
	}
}
