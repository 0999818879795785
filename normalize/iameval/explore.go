package iameval

import (
	"encoding/binary"
	mathbits "math/bits"
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
	fresh := alpha[len(alpha)-1]
	// A node's state sets lie in one flat slice, glob i's at off[i]:off[i+1];
	// its key is those words, so equal keys are equal states.
	off := make([]int, len(gs)+1)
	for i, g := range gs {
		off[i+1] = off[i] + (len(g)+1+63)/64
	}
	nw := off[len(gs)]
	at := func(st []uint64, i int) states { return states(st[off[i]:off[i+1]:off[i+1]]) }
	var arena []uint64
	keep := func(st []uint64) []uint64 {
		if len(arena) < nw {
			arena = make([]uint64, max(nw*64, 1024))
		}
		out := arena[:nw:nw]
		arena = arena[nw:]
		copy(out, st)
		return out
	}
	type node struct {
		st []uint64
		w  string
	}
	start := keep(make([]uint64, nw))
	for i, g := range gs {
		s := at(start, i)
		s.add(0)
		g.closeEps(s)
	}
	// A state reached before minLen characters may not be recorded yet, so
	// it is told apart from the same state reached later.
	var kbuf []byte
	key := func(st []uint64, wlen int) []byte {
		kbuf = kbuf[:0]
		for _, w := range st {
			kbuf = binary.LittleEndian.AppendUint64(kbuf, w)
		}
		if wlen >= minLen {
			kbuf = append(kbuf, '+')
		}
		return kbuf
	}
	seen := map[string]bool{string(key(start, 0)): true}
	sigs := map[string]int{}
	var out []sigClass
	queue := []node{{start, ""}}
	exact := true
	sig := newBits(len(gs))
	var sbuf, rel []byte
	next := make([]uint64, nw)
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		alive := false
		clear(sig)
		for i, g := range gs {
			if s := at(n.st, i); !s.empty() {
				alive = true
				if g.accepts(s) {
					sig.set(i)
				}
			}
		}
		if len(n.w) >= minLen {
			sbuf = sig.appendKey(sbuf[:0])
			if _, ok := sigs[string(sbuf)]; !ok {
				sigs[string(sbuf)] = len(out)
				out = append(out, sigClass{witness: n.w, sig: append(bits(nil), sig...)})
			}
		}
		if !alive && len(n.w) >= minLen {
			continue
		}
		if len(seen) > limit {
			exact = false
			continue
		}
		rel = relevant(rel[:0], gs, n.st, at, fresh)
		for _, c := range rel {
			clear(next)
			for i, g := range gs {
				if s := at(n.st, i); !s.empty() {
					g.stepInto(at(next, i), s, c)
				}
			}
			k := key(next, len(n.w)+1)
			if seen[string(k)] {
				continue
			}
			seen[string(k)] = true
			queue = append(queue, node{keep(next), n.w + string([]byte{c})})
		}
	}
	return out, exact
}

// relevant appends to out the characters that can lead somewhere
// different from the fresh character: the literals the live positions
// expect, and ':'. Every other character behaves exactly like the fresh
// one.
func relevant(out []byte, gs []glob, st []uint64, at func([]uint64, int) states, fresh byte) []byte {
	var used [256]bool
	out = append(out, ':', fresh)
	used[':'], used[fresh] = true, true
	for i, g := range gs {
		s := at(st, i)
		if s.empty() {
			continue
		}
		for wi, w := range s {
			for w != 0 {
				p := wi<<6 | mathbits.TrailingZeros64(w)
				w &= w - 1
				if p >= len(g) {
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
					for _, c := range [2]byte{t.c, upperFirst(t.c)} {
						if !used[c] {
							used[c] = true
							out = append(out, c)
						}
					}
				}
			}
		}
	}
	return out
}

// upperFirst is strings.ToUpper(string(c))[0], the byte the alphabet
// adds for a case-folded c, without allocating for ASCII.
func upperFirst(c byte) byte {
	if c < 0x80 {
		if 'a' <= c && c <= 'z' {
			return c - 'a' + 'A'
		}
		return c
	}
	return strings.ToUpper(string(rune(c)))[0]
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
				used[upperFirst(t.c)] = true
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
func (b bits) key() string    { return string(b.appendKey(nil)) }

func (b bits) appendKey(out []byte) []byte {
	for _, w := range b {
		out = binary.LittleEndian.AppendUint64(out, w)
	}
	return out
}
