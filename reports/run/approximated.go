package run

import (
	"fmt"
	"strings"

	"github.com/parity-sec/parity/diff"
)

// Approximated is a comparison by meaning that was not exhaustive, with
// the real identity of its resource on both sides.
type Approximated struct {
	diff.Approximation
	Names Names `json:"names"`
}

// maxApproximatedNamed bounds the resources the warning names; the JSON
// report lists them all.
const maxApproximatedNamed = 3

// approximationWarning says, in one line, which twins were compared by
// meaning without exhausting the requests: the evaluator bounds a few
// searches (README "Limitations"), and where it found no difference there
// the twins are reported equal without proof. Empty when none was.
func approximationWarning(as []Approximated) []string {
	if len(as) == 0 {
		return nil
	}
	var named []string
	for _, a := range as[:min(len(as), maxApproximatedNamed)] {
		note := ""
		if len(a.Notes) > 0 {
			note = " (" + a.Notes[0] + ")"
		}
		named = append(named, a.Names.Compact(a.Resource)+" "+a.Attribute+note)
	}
	msg := fmt.Sprintf("%d comparisons by meaning were not exhaustive, so \"equal\" there is not proven: %s", len(as), strings.Join(named, "; "))
	if rest := len(as) - len(named); rest > 0 {
		msg += fmt.Sprintf("; and %d more (JSON report: approximated)", rest)
	}
	return []string{msg}
}
