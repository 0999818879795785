package normalize

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// Twin choice. When several resources of one environment canonicalize to
// the same key, a decoy (a staging role named with an alias and copied from
// production, say) must not be able to take the twin of the real resource
// and hide its drift. So the key goes to the candidate with the strongest
// evidence of being the twin, the others keep a key of their own that names
// them, every one of them is still compared with the twin (see mirror), and
// the ambiguity itself is recorded for the "ambiguous twin" rule.

// Ambiguity records that several resources of one environment map to Key.
type Ambiguity struct {
	Key  string `json:"key"`
	Kind string `json:"kind"`
	// Candidates are in order of evidence; the first kept Key.
	Candidates []Candidate `json:"candidates"`
}

// Candidate is one resource that claimed an ambiguous key.
type Candidate struct {
	Key  string `json:"key"`  // the key it was given
	Name string `json:"name"` // its real name as the snapshot spells it
}

// evidence ranks how strongly a raw name says "this environment": the
// environment's name spelt exactly as configured beats the same name in
// another case, which beats an alias. Lower is stronger.
type evidence struct{ aliases, folded int }

func (t *tokenizer) evidence(raw string) evidence {
	var e evidence
	for i := 0; i < len(raw); {
		if !isWordByte(raw[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(raw) && isWordByte(raw[j]) && !(isLower(raw[j-1]) && isUpper(raw[j])) {
			j++
		}
		w := raw[i:j]
		switch {
		case w == t.env:
		case strings.EqualFold(w, t.env):
			e.folded++
		case t.words[strings.ToLower(w)] == TokenEnv:
			e.aliases++
		}
		i = j
	}
	return e
}

// resolveTwins gives each contested key to its strongest candidate and a
// key of their own ("<key>#<real name>") to the others. Snapshot order
// plays no part, so the result is the same however the file lists them.
func (b *builder) resolveTwins() {
	keys := make([]string, 0, len(b.claims))
	for k := range b.claims {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, key := range keys {
		rs := b.claims[key]
		slices.SortStableFunc(rs, func(x, y *Resource) int {
			ex, ey := b.tok.evidence(rawName(x)), b.tok.evidence(rawName(y))
			return cmp.Or(
				cmp.Compare(ex.aliases, ey.aliases),
				cmp.Compare(ex.folded, ey.folded),
				cmp.Compare(rawName(x), rawName(y)),
				cmp.Compare(infoString(x, "arn")+infoString(x, "id"), infoString(y, "arn")+infoString(y, "id")),
			)
		})
		amb := Ambiguity{Key: key, Kind: rs[0].Kind}
		for i, r := range rs {
			r.Key = key
			if i > 0 {
				r.Key = b.freeKey(key + "#" + strings.ReplaceAll(rawName(r), "/", "%2F"))
			}
			b.env.Resources[r.Key] = r
			amb.Candidates = append(amb.Candidates, Candidate{Key: r.Key, Name: rawName(r)})
		}
		b.env.Ambiguous = append(b.env.Ambiguous, amb)
	}
	b.claims = nil
}

// freeKey returns k, or k with "#2", "#3"… when another resource holds it.
func (b *builder) freeKey(k string) string {
	if _, taken := b.env.Resources[k]; !taken {
		return k
	}
	for n := 2; ; n++ {
		c := k + "#" + strconv.Itoa(n)
		if _, taken := b.env.Resources[c]; !taken {
			return c
		}
	}
}

// mirror makes every losing candidate of one environment meet the twin:
// the other environment gets a copy of the twin under the candidate's key,
// marked TwinOf, so the differ compares them and every rule that looks a
// twin up by key finds it. Rules that judge one environment on its own skip
// copies (the policy input leaves them out of "kinds"), so the twin's own
// findings are not doubled.
func mirror(from, to *Environment) {
	for _, a := range from.Ambiguous {
		twin := to.Resources[a.Key]
		if twin == nil {
			continue
		}
		for _, c := range a.Candidates[1:] {
			if _, taken := to.Resources[c.Key]; taken {
				continue
			}
			cp := *twin
			cp.Key, cp.TwinOf = c.Key, a.Key
			to.Resources[c.Key] = &cp
		}
	}
}

func rawName(r *Resource) string { return infoString(r, "name") }

func infoString(r *Resource, k string) string {
	s, _ := r.Info[k].(string)
	return s
}
