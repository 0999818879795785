package run

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/parity-sec/parity/diff"
)

// minPairingTotal keeps the pairing warning quiet on areas too small for a
// share to mean anything (one role only in staging is drift, not a naming
// problem).
const minPairingTotal = 4

// pairingWarnings warns, in one line, when under half of the resources of
// an area found a twin. That is almost never drift: the environment's name
// is not the word its resource names use (--env prod against
// orders-api-production), and every resource then shows as "only in" one
// side with a meaningless score. The warning names the word the unpaired
// names of a side share and the other side's do not, when there is one, and
// the aliases setting that fixes it.
func pairingWarnings(rep *Report) []string {
	var low []string
	for _, a := range rep.Summary.Areas {
		if a.Total >= minPairingTotal && 2*a.Paired < a.Total {
			low = append(low, fmt.Sprintf("%s %d/%d", a.Area, a.Paired, a.Total))
		}
	}
	if len(low) == 0 {
		return nil
	}
	msg := fmt.Sprintf("few resources paired (%s): pairing replaces the environment's name and aliases in resource names", strings.Join(low, ", "))
	var hints []string
	for _, side := range []struct {
		env, other string
		action     diff.Action
	}{
		{rep.Staging.Name, rep.Production.Name, diff.OnlyStaging},
		{rep.Production.Name, rep.Staging.Name, diff.OnlyProduction},
	} {
		if w := commonWord(rep.Changes, side.action, side.env, side.other); w != "" {
			hints = append(hints, fmt.Sprintf("%s: [%s]", side.env, w))
		}
	}
	if len(hints) > 0 {
		msg += fmt.Sprintf("; names seem to use another word: add to parity.yaml aliases: {%s}", strings.Join(hints, ", "))
	} else {
		msg += fmt.Sprintf("; if names use other words than %q and %q, list them under aliases in parity.yaml", rep.Staging.Name, rep.Production.Name)
	}
	return []string{msg}
}

// commonWord is the word found in most names of resources that exist only
// on one side and in no name of the other side's one-sided resources:
// "production" when --env prod met orders-api-production. It needs the
// word in at least half of those names, so a stray word is not offered.
func commonWord(cs []Change, action diff.Action, env, other string) string {
	count := map[string]int{}
	otherWords := map[string]bool{}
	n := 0
	for _, c := range cs {
		if c.Path != "" {
			continue
		}
		switch c.Action {
		case action:
			n++
			for _, w := range words(sideName(c)) {
				count[w]++
			}
		case diff.OnlyStaging, diff.OnlyProduction:
			for _, w := range words(sideName(c)) {
				otherWords[w] = true
			}
		}
	}
	type wc struct {
		w string
		n int
	}
	var best []wc
	for w, k := range count {
		if otherWords[w] || strings.EqualFold(w, env) || strings.EqualFold(w, other) || 2*k < n || len(w) < 3 {
			continue
		}
		best = append(best, wc{w, k})
	}
	if len(best) == 0 {
		return ""
	}
	slices.SortFunc(best, func(a, b wc) int { return cmp.Or(cmp.Compare(b.n, a.n), cmp.Compare(a.w, b.w)) })
	return best[0].w
}

func sideName(c Change) string {
	if c.Action == diff.OnlyStaging {
		return c.Names.Staging.Name
	}
	return c.Names.Production.Name
}

// words splits a name into its lower-case alphabetic words.
func words(s string) []string {
	seen := map[string]bool{}
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}
