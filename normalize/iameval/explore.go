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
	if minLen == 0 && len(gs) == 1 {
		if w, ok := prefixShape(gs[0]); ok && len(w) >= 1 && len(w)+3 <= limit {
			// What the search below finds for one literal, or literal
			// prefix with a final colon-crossing '*' (most resource
			// patterns): the empty string first, which does not match, then
			// the one shortest string that does, in at most len(w)+3 nodes,
			// so within the limit.
			return []sigClass{{witness: "", sig: bits{0}}, {witness: w, sig: bits{1}}}, true
		}
	}
	return exploreBFS(gs, minLen, limit)
}

// prefixShape returns the literal of a glob that is a non-empty literal,
// optionally followed by one final '*' that crosses ':'.
func prefixShape(g glob) (string, bool) {
	n := len(g)
	if n > 0 && g[n-1].kind == tStar && g[n-1].colon {
		n--
	}
	b := make([]byte, n)
	for i, t := range g[:n] {
		if t.kind != tLit {
			return "", false
		}
		b[i] = t.c
	}
	return string(b), true
}

// exploreBFS is the search itself.
func exploreBFS(gs []glob, minLen, limit int) ([]sigClass, bool) {
	alpha := alphabet(gs)
	fresh := alpha[len(alpha)-1]
	// A node's state sets lie in one flat run of words, glob i's at
	// off[i]:off[i+1]; node k's run is pool[k*nw:(k+1)*nw]. Nodes are
	// numbered in the order they are queued, so the queue is a counter,
	// and a node's witness is its parent's plus one character, spelt out
	// only for the nodes that are recorded.
	off := make([]int, len(gs)+1)
	for i, g := range gs {
		off[i+1] = off[i] + (len(g)+1+63)/64
	}
	nw := off[len(gs)]
	at := func(st []uint64, i int) states { return states(st[off[i]:off[i+1]:off[i+1]]) }
	type node struct {
		parent int32
		depth  int32 // the witness's length
		c      byte
	}
	pool := make([]uint64, nw, nw*64)
	for i, g := range gs {
		s := at(pool, i)
		s.add(0)
		g.closeEps(s)
	}
	nodes := []node{{parent: -1}}
	st := func(k int) []uint64 { return pool[k*nw : (k+1)*nw : (k+1)*nw] }
	witness := func(k int) string {
		b := make([]byte, nodes[k].depth)
		for ; k > 0; k = int(nodes[k].parent) {
			b[nodes[k].depth-1] = nodes[k].c
		}
		return string(b)
	}
	// seen is the set of nodes by state and by whether they were reached
	// at minLen or later (a state reached before minLen characters may not
	// be recorded yet, so it is told apart from the same state reached
	// later): open addressing over node numbers + 1.
	seen := newNodeSet()
	recorded := func(depth int) bool { return depth >= minLen }
	seen.insert(0, hashWords(st(0), recorded(0)))
	sigs := map[string]int{}
	sigs1 := map[uint64]struct{}{}
	var out []sigClass
	exact := true
	sig := newBits(len(gs))
	var sbuf, rel []byte
	next := make([]uint64, nw)
	for k := 0; k < len(nodes); k++ {
		cur := st(k)
		depth := int(nodes[k].depth)
		alive := false
		clear(sig)
		for i, g := range gs {
			if s := at(cur, i); !s.empty() {
				alive = true
				if g.accepts(s) {
					sig.set(i)
				}
			}
		}
		if depth >= minLen {
			var known bool
			if len(sig) == 1 { // up to 64 globs: the word is the key
				_, known = sigs1[sig[0]]
				if !known {
					sigs1[sig[0]] = struct{}{}
				}
			} else {
				sbuf = sig.appendKey(sbuf[:0])
				_, known = sigs[string(sbuf)]
				if !known {
					sigs[string(sbuf)] = len(out)
				}
			}
			if !known {
				out = append(out, sigClass{witness: witness(k), sig: append(bits(nil), sig...)})
			}
		}
		if !alive && depth >= minLen {
			continue
		}
		if len(nodes) > limit {
			exact = false
			continue
		}
		rel = relevant(rel[:0], gs, cur, at, fresh)
		for _, c := range rel {
			clear(next)
			for i, g := range gs {
				if s := at(cur, i); !s.empty() {
					g.stepInto(at(next, i), s, c)
				}
			}
			rec := recorded(depth + 1)
			h := hashWords(next, rec)
			if seen.has(h, func(j int) bool {
				return recorded(int(nodes[j].depth)) == rec && equalWords(st(j), next)
			}) {
				continue
			}
			pool = append(pool, next...)
			cur = st(k) // pool may have moved
			nodes = append(nodes, node{parent: int32(k), depth: int32(depth + 1), c: c})
			seen.insert(len(nodes)-1, h)
		}
	}
	return out, exact
}

func equalWords(a, b []uint64) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// hashWords hashes a node's state words and its recorded flag.
func hashWords(ws []uint64, rec bool) uint64 {
	h := uint64(0x9e3779b97f4a7c15)
	if rec {
		h = 0xbf58476d1ce4e5b9
	}
	for _, w := range ws {
		h = (h ^ w) * 0x94d049bb133111eb
	}
	return h ^ h>>29
}

// nodeSet is an open-addressing set of node numbers keyed by hash; the
// caller's eq tells the nodes with the hash apart.
type nodeSet struct {
	slots []int32 // node+1, 0 empty
	hash  []uint64
	n     int
}

func newNodeSet() *nodeSet { return &nodeSet{slots: make([]int32, 64), hash: make([]uint64, 64)} }

func (s *nodeSet) has(h uint64, eq func(int) bool) bool {
	mask := uint64(len(s.slots) - 1)
	for i := h & mask; s.slots[i] != 0; i = (i + 1) & mask {
		if s.hash[i] == h && eq(int(s.slots[i]-1)) {
			return true
		}
	}
	return false
}

func (s *nodeSet) insert(node int, h uint64) {
	if 2*(s.n+1) > len(s.slots) {
		old, oldh := s.slots, s.hash
		s.slots, s.hash = make([]int32, 2*len(old)), make([]uint64, 2*len(old))
		s.n = 0
		for i, v := range old {
			if v != 0 {
				s.insert(int(v-1), oldh[i])
			}
		}
	}
	mask := uint64(len(s.slots) - 1)
	i := h & mask
	for s.slots[i] != 0 {
		i = (i + 1) & mask
	}
	s.slots[i], s.hash[i] = int32(node+1), h
	s.n++
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
