package crossing

// Globs here are IAM condition patterns (StringLike): '*' matches any run
// of characters, '?' any one character, everything else itself. A
// StringEquals value is a literal: every character matches only itself.

type gtok struct {
	c    byte
	kind byte // 'l' literal, '?' any one, '*' any run
}

type glob []gtok

// maxStates bounds the product automaton intersect explores.
const maxStates = 1 << 20

func compileGlob(p string, literal bool) glob {
	g := make(glob, 0, len(p))
	for i := 0; i < len(p); i++ {
		switch {
		case literal:
			g = append(g, gtok{c: p[i], kind: 'l'})
		case p[i] == '*':
			if len(g) == 0 || g[len(g)-1].kind != '*' {
				g = append(g, gtok{kind: '*'})
			}
		case p[i] == '?':
			g = append(g, gtok{kind: '?'})
		default:
			g = append(g, gtok{c: p[i], kind: 'l'})
		}
	}
	return g
}

func globMatch(pattern, s string) bool {
	_, ok := intersect([]glob{compileGlob(pattern, false), compileGlob(s, true)})
	return ok
}

// intersect decides whether one string is matched by every glob, and
// returns the shortest such string. It explores the product of the globs'
// positions breadth-first: a step consumes one character that every glob
// accepts at its position (a '*' may also be skipped for free), so the
// first state with every glob at its end gives a shortest witness.
//
// Patterns come from staging's policies and may be hostile: when the
// product of their lengths exceeds maxStates, intersect gives up and says
// they overlap (with an empty witness), which can only add a finding.
func intersect(gs []glob) (string, bool) {
	size := 1
	for _, g := range gs {
		if size *= len(g) + 1; size > maxStates {
			return "", true
		}
	}
	if w, ok, literal := literalIntersect(gs); literal {
		return w, ok
	}
	type state struct {
		pos []int
		via int // index into steps of the predecessor, -1 for the start
		c   byte
	}
	key := func(pos []int) string {
		b := make([]byte, 0, len(pos)*3)
		for _, p := range pos {
			b = append(b, byte(p), byte(p>>8), ',')
		}
		return string(b)
	}
	// closure skips '*' tokens without consuming: all combinations.
	closure := func(pos []int) [][]int {
		out := [][]int{append([]int(nil), pos...)}
		for i := range gs {
			var next [][]int
			for _, p := range out {
				next = append(next, p)
				if p[i] < len(gs[i]) && gs[i][p[i]].kind == '*' {
					q := append([]int(nil), p...)
					q[i]++
					next = append(next, q)
				}
			}
			out = next
		}
		return out
	}
	seen := map[string]bool{}
	var steps []state
	var queue []int
	push := func(pos []int, via int, c byte) {
		for _, p := range closure(pos) {
			k := key(p)
			if !seen[k] {
				seen[k] = true
				steps = append(steps, state{pos: p, via: via, c: c})
				queue = append(queue, len(steps)-1)
			}
		}
	}
	push(make([]int, len(gs)), -1, 0)
	for len(queue) > 0 {
		si := queue[0]
		queue = queue[1:]
		st := steps[si]
		done := true
		for i, p := range st.pos {
			if p < len(gs[i]) {
				done = false
			}
		}
		if done {
			var b []byte
			for i := si; steps[i].via >= 0; i = steps[i].via {
				b = append([]byte{steps[i].c}, b...)
			}
			return string(b), true
		}
		// The character consumed: a literal every other glob accepts, or,
		// when no glob needs a literal, any character ('x' stands for all).
		c, ok := byte('x'), true
		lit := false
		for i, p := range st.pos {
			if p >= len(gs[i]) {
				ok = false
				break
			}
			if t := gs[i][p]; t.kind == 'l' {
				if lit && t.c != c {
					ok = false
					break
				}
				c, lit = t.c, true
			}
		}
		if !ok {
			continue
		}
		next := make([]int, len(st.pos))
		for i, p := range st.pos {
			if gs[i][p].kind == '*' {
				next[i] = p
			} else {
				next[i] = p + 1
			}
		}
		push(next, si, c)
	}
	return "", false
}

// literalIntersect decides intersect when every glob is a literal (a
// StringEquals value, or a pattern without wildcards): a literal matches
// only itself, so one string matches them all exactly when they are equal,
// and it is the only, hence shortest, witness. literal is false when some
// glob has a wildcard.
func literalIntersect(gs []glob) (w string, ok, literal bool) {
	for _, g := range gs {
		for _, t := range g {
			if t.kind != 'l' {
				return "", false, false
			}
		}
	}
	if len(gs) == 0 {
		return "", true, true
	}
	for _, g := range gs[1:] {
		if len(g) != len(gs[0]) {
			return "", false, true
		}
		for i, t := range g {
			if t.c != gs[0][i].c {
				return "", false, true
			}
		}
	}
	b := make([]byte, len(gs[0]))
	for i, t := range gs[0] {
		b[i] = t.c
	}
	return string(b), true, true
}
