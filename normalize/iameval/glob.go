package iameval

import mathbits "math/bits"

// A glob is compiled from one pattern of a policy. Each token carries the
// rule for the colon, because IAM's wildcards differ by where they appear:
// in the Resource element a '*' that is the last character of a
// colon-delimited ARN segment may run past colons while any other '*' or '?'
// stays inside its segment; in ArnLike conditions the first five segments
// are matched separately; in actions and String* conditions colons are
// ordinary characters.
type glob []gtok

type gtok struct {
	kind  uint8 // tLit, tFold, tStar, tQuest
	c     byte
	colon bool // a wildcard that may consume ':'
}

const (
	tLit uint8 = iota
	tFold
	tStar
	tQuest
)

// Glob modes.
const (
	modeString   = iota // case-sensitive, wildcards match anything (StringLike)
	modeLiteral         // no wildcards (StringEquals, principals, BinaryEquals)
	modeFold            // no wildcards, ASCII case-insensitive (StringEqualsIgnoreCase, Bool)
	modeResource        // Resource element: segment rule for '*' and '?'
	modeArnCond         // ArnLike/ArnEquals: segments 1-5 matched separately
)

func compileGlob(p string, mode int) glob {
	g := make(glob, 0, len(p))
	seg := 0
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case mode == modeLiteral:
			g = append(g, gtok{kind: tLit, c: c})
		case mode == modeFold:
			g = append(g, gtok{kind: tFold, c: lowerByte(c)})
		case c == '*' || c == '?':
			t := gtok{kind: tStar, colon: true}
			if c == '?' {
				t.kind = tQuest
			}
			switch mode {
			case modeResource:
				t.colon = c == '*' && (i+1 == len(p) || p[i+1] == ':')
			case modeArnCond:
				t.colon = seg >= 5
			}
			g = append(g, t)
		default:
			if c == ':' {
				seg++
			}
			g = append(g, gtok{kind: tLit, c: c})
		}
	}
	return g
}

func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// hasWild reports whether the pattern is more than a literal.
func (g glob) hasWild() bool {
	for _, t := range g {
		if t.kind == tStar || t.kind == tQuest || t.kind == tFold {
			return true
		}
	}
	return false
}

// states is a set of positions in a glob (position len(g) accepts).
type states []uint64

func newStates(n int) states { return make(states, (n+1+63)/64) }

func (s states) has(i int) bool { return s[i>>6]&(1<<(uint(i)&63)) != 0 }
func (s states) add(i int)      { s[i>>6] |= 1 << (uint(i) & 63) }
func (s states) empty() bool {
	for _, w := range s {
		if w != 0 {
			return false
		}
	}
	return true
}

// closeEps adds the positions reachable by letting stars match nothing. It
// visits the set positions in increasing order, so a run of stars closes
// in one pass, as a scan of every position would.
func (g glob) closeEps(s states) {
	for wi := range s {
		w := s[wi]
		for w != 0 {
			i := wi<<6 | mathbits.TrailingZeros64(w)
			w &= w - 1
			if i < len(g) && g[i].kind == tStar {
				s.add(i + 1)
				if (i+1)>>6 == wi {
					w |= 1 << (uint(i+1) & 63) // visit it in this word too
				}
			}
		}
	}
}

// stepInto sets out (zeroed, as long as s) to the positions after reading
// c from positions s. It visits only the positions in s, word by word.
func (g glob) stepInto(out, s states, c byte) {
	for wi, w := range s {
		for w != 0 {
			i := wi<<6 | mathbits.TrailingZeros64(w)
			w &= w - 1
			if i >= len(g) {
				continue // the accepting position reads nothing
			}
			t := g[i]
			switch t.kind {
			case tLit:
				if c == t.c {
					out.add(i + 1)
				}
			case tFold:
				if lowerByte(c) == t.c {
					out.add(i + 1)
				}
			case tQuest:
				if c != ':' || t.colon {
					out.add(i + 1)
				}
			case tStar:
				if c != ':' || t.colon {
					out.add(i)
				}
			}
		}
	}
	g.closeEps(out)
}

func (g glob) accepts(s states) bool { return s.has(len(g)) }

// match reports whether the whole of subject matches. Globs of up to 255
// tokens run on two stack-allocated state sets, so matching allocates
// nothing.
func (g glob) match(subject string) bool {
	n := (len(g) + 1 + 63) / 64
	var a, b [4]uint64
	var cur, nxt states
	if n <= len(a) {
		cur, nxt = a[:n], b[:n]
	} else {
		cur, nxt = newStates(len(g)), newStates(len(g))
	}
	cur.add(0)
	g.closeEps(cur)
	for i := 0; i < len(subject); i++ {
		if cur.empty() {
			return false
		}
		clear(nxt)
		g.stepInto(nxt, cur, subject[i])
		cur, nxt = nxt, cur
	}
	return g.accepts(cur)
}

// wildMatch is match for patterns whose '*' and '?' match any byte
// (actions, StringLike): the two-pointer algorithm, without allocating,
// because classifying a catalog calls it for every action of a service.
// A '*' of the pattern is a wildcard even where the subject has a '*': a
// pattern kept symbolically ("*0") is classified as a subject, and Decide
// matches it so.
func wildMatch(p, s string) bool { return wildMatchFold(p, s, false) }

// wildMatchFold is wildMatch with, when fold is set, the subject
// lower-cased byte by byte (ASCII folding; p is lower case).
func wildMatchFold(p, s string, fold bool) bool {
	pi, si, star, mark := 0, 0, -1, 0
	for si < len(s) {
		c := s[si]
		if fold {
			c = lowerByte(c)
		}
		switch {
		case pi < len(p) && p[pi] == '*':
			star, mark = pi, si
			pi++
		case pi < len(p) && (p[pi] == '?' || p[pi] == c):
			pi++
			si++
		case star >= 0:
			pi = star + 1
			mark++
			si = mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}
