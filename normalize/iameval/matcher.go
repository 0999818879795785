package iameval

import "strings"

// A matcher is a glob prepared at Compile time for the request-by-request
// matching Decide does in tight loops: most patterns are literals, a
// literal prefix with one trailing '*', or wildcards that all cross ':',
// and each of those is matched without the automaton and without
// allocating. Every shape answers exactly as glob.match does; anything else
// falls back to it.
type matcher struct {
	kind uint8
	text string // mLit: the literal; mPrefix: the prefix; mWild: the pattern
	g    glob
}

const (
	mGlob   uint8 = iota // the automaton
	mLit                 // tLit only: equality
	mPrefix              // tLit only, then one tStar that crosses ':': prefix test
	mFold                // tFold only: ASCII case-insensitive equality
	mWild                // tLit, and tStar/tQuest that cross ':': wildMatch
)

func newMatcher(g glob) matcher {
	m := matcher{kind: mGlob, g: g}
	lits, folds, wild, colonFree := 0, 0, 0, true
	var b strings.Builder
	b.Grow(len(g))
	for _, t := range g {
		switch t.kind {
		case tLit:
			lits++
			b.WriteByte(t.c)
			if t.c == '*' || t.c == '?' {
				colonFree = false // wildMatch would read it as a wildcard
			}
		case tFold:
			folds++
			b.WriteByte(t.c)
		case tStar:
			wild++
			b.WriteByte('*')
			colonFree = colonFree && t.colon
		case tQuest:
			wild++
			b.WriteByte('?')
			colonFree = colonFree && t.colon
		}
	}
	text := b.String()
	switch {
	case lits == len(g):
		m.kind, m.text = mLit, text
	case folds == len(g):
		m.kind, m.text = mFold, text
	case lits == len(g)-1 && g[len(g)-1].kind == tStar && g[len(g)-1].colon:
		m.kind, m.text = mPrefix, text[:len(text)-1]
	case folds == 0 && colonFree:
		m.kind, m.text = mWild, text
	}
	return m
}

func (m *matcher) match(s string) bool {
	switch m.kind {
	case mLit:
		return s == m.text
	case mPrefix:
		return strings.HasPrefix(s, m.text)
	case mFold:
		if len(s) != len(m.text) {
			return false
		}
		for i := 0; i < len(s); i++ {
			if lowerByte(s[i]) != m.text[i] {
				return false
			}
		}
		return true
	case mWild:
		return wildMatchFold(m.text, s, false)
	}
	return m.g.match(s)
}

// matchFold is match against s lower-cased, when fold is set and s is
// ASCII: byte-wise lowering is then exactly strings.ToLower.
func (m *matcher) matchFold(s string, fold bool) bool {
	if !fold || isLowerASCII(s) {
		return m.match(s)
	}
	switch m.kind {
	case mLit:
		return len(s) == len(m.text) && equalLower(s, m.text)
	case mPrefix:
		return len(s) >= len(m.text) && equalLower(s[:len(m.text)], m.text)
	case mFold:
		return m.match(s) // folds already
	case mWild:
		return wildMatchFold(m.text, s, true)
	}
	return m.g.match(strings.ToLower(s))
}

// equalLower reports whether s lower-cased byte by byte is t.
func equalLower(s, t string) bool {
	for i := 0; i < len(s); i++ {
		if lowerByte(s[i]) != t[i] {
			return false
		}
	}
	return true
}

// matcherFor is newMatcher(compileGlob(p, mode)), reading the common
// shapes off the text without compiling: in modeString every '*' and '?'
// is a wildcard that crosses ':', and in modeResource so is a final '*'.
func matcherFor(p string, mode int) matcher {
	switch mode {
	case modeLiteral:
		return matcher{kind: mLit, text: p}
	case modeString, modeResource:
		i := strings.IndexAny(p, "*?")
		switch {
		case i < 0:
			return matcher{kind: mLit, text: p}
		case i == len(p)-1 && p[i] == '*':
			return matcher{kind: mPrefix, text: p[:i]}
		case mode == modeString:
			return matcher{kind: mWild, text: p}
		}
	}
	return newMatcher(compileGlob(p, mode))
}

func matchers(gs []glob) []matcher {
	out := make([]matcher, len(gs))
	for i, g := range gs {
		out[i] = newMatcher(g)
	}
	return out
}
