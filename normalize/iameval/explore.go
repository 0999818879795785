package iameval

import (
	"encoding/binary"
	"strings"
)

// sigClass is one achievable signature of a set of globs: which of them
// match, with the shortest string that realises it.
type sigClass struct {
	witness string
	sig     bits // over patterns
	gsig    bits // over groups (statements' pattern lists), set by mergeClasses
}

// exploreLimit bounds the product automaton. Past it the exploration stops
// and reports itself inexact; comparisons then say so in Approximations.
// Many ARN patterns whose region segment is a colon-crossing '*' make the
// product grow quickly, so the bound is kept modest.
const exploreLimit = 20000

// explore walks the product of the glob automata breadth-first over the
// characters that appear in the patterns, ':' and one fresh character. Any
// character absent from every pattern behaves like the fresh one, so every
// achievable signature is found, each with a shortest witness. minLen 1
// keeps the empty string out (an empty principal means "no principal").
func explore(gs []glob, minLen int) ([]sigClass, bool) {
	return exploreN(gs, minLen, exploreLimit)
}

func exploreN(gs []glob, minLen, limit int) ([]sigClass, bool) {
	alpha := alphabet(gs)
	type node struct {
		st []states
		w  string
	}
	start := make([]states, len(gs))
	for i, g := range gs {
		start[i] = g.start()
	}
	// A state reached before minLen characters may not be recorded yet, so
	// it is told apart from the same state reached later.
	key := func(st []states, w string) string {
		if len(w) >= minLen {
			return stateKey(st) + "+"
		}
		return stateKey(st)
	}
	seen := map[string]bool{key(start, ""): true}
	sigs := map[string]int{}
	var out []sigClass
	queue := []node{{start, ""}}
	exact := true
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		alive := false
		sig := newBits(len(gs))
		for i, g := range gs {
			if !n.st[i].empty() {
				alive = true
				if g.accepts(n.st[i]) {
					sig.set(i)
				}
			}
		}
		if len(n.w) >= minLen {
			if _, ok := sigs[sig.key()]; !ok {
				sigs[sig.key()] = len(out)
				out = append(out, sigClass{witness: n.w, sig: sig})
			}
		}
		if !alive && len(n.w) >= minLen {
			continue
		}
		if len(seen) > limit {
			exact = false
			continue
		}
		for _, c := range relevant(gs, n.st, alpha[len(alpha)-1]) {
			next := make([]states, len(gs))
			for i, g := range gs {
				if n.st[i].empty() {
					next[i] = n.st[i]
				} else {
					next[i] = g.step(n.st[i], c)
				}
			}
			k := key(next, n.w+"x")
			if seen[k] {
				continue
			}
			seen[k] = true
			queue = append(queue, node{next, n.w + string([]byte{c})})
		}
	}
	return out, exact
}

// relevant lists the characters that can lead somewhere different from
// the fresh character: the literals the live positions expect, and ':'.
// Every other character behaves exactly like the fresh one.
func relevant(gs []glob, st []states, fresh byte) []byte {
	var used [256]bool
	out := []byte{':', fresh}
	used[':'], used[fresh] = true, true
	for i, g := range gs {
		s := st[i]
		if s.empty() {
			continue
		}
		for p := 0; p < len(g); p++ {
			if !s.has(p) {
				continue
			}
			t := g[p]
			switch t.kind {
			case tLit:
				if !used[t.c] {
					used[t.c] = true
					out = append(out, t.c)
				}
			case tFold:
				for _, c := range []byte{t.c, strings.ToUpper(string(t.c))[0]} {
					if !used[c] {
						used[c] = true
						out = append(out, c)
					}
				}
			}
		}
	}
	return out
}

func stateKey(st []states) string {
	var b []byte
	for _, s := range st {
		for _, w := range s {
			b = binary.LittleEndian.AppendUint64(b, w)
		}
	}
	return string(b)
}

const freshCandidates = "#~_-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

func alphabet(gs []glob) []byte {
	var used [256]bool
	used[':'] = true
	for _, g := range gs {
		for _, t := range g {
			switch t.kind {
			case tLit:
				used[t.c] = true
			case tFold:
				used[t.c] = true
				used[strings.ToUpper(string(t.c))[0]] = true
			}
		}
	}
	var out []byte
	for c := 0; c < 256; c++ {
		if used[c] {
			out = append(out, byte(c))
		}
	}
	for i := 0; i < len(freshCandidates); i++ {
		if c := freshCandidates[i]; !used[c] {
			return append(out, c)
		}
	}
	for c := 128; c < 256; c++ {
		if !used[c] {
			return append(out, byte(c))
		}
	}
	return out
}

// bits is a fixed-size bitset used for signatures.
type bits []uint64

func newBits(n int) bits      { return make(bits, (n+63)/64) }
func (b bits) set(i int)      { b[i>>6] |= 1 << (uint(i) & 63) }
func (b bits) get(i int) bool { return b[i>>6]&(1<<(uint(i)&63)) != 0 }
func (b bits) key() string {
	var out []byte
	for _, w := range b {
		out = binary.LittleEndian.AppendUint64(out, w)
	}
	return string(out)
}
