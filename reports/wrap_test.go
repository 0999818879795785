package reports

import (
	"github.com/parity-sec/parity/diff"
	"github.com/parity-sec/parity/policies"
)

// wrapF and wrapC turn test literals of the stages' types into the run's
// types, with no real names (as for resources the namer cannot find).
func wrapF(fs []policies.Finding) []Finding {
	out := make([]Finding, len(fs))
	for i, f := range fs {
		out[i] = Finding{Finding: f}
	}
	return out
}

func wrapC(cs []diff.Change) []Change {
	out := make([]Change, len(cs))
	for i, c := range cs {
		out[i] = Change{Change: c}
	}
	return out
}
