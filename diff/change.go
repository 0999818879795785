// Package diff pairs the resources of two canonical environments by key and
// reports what differs as data. It never formats text: renderers in reports
// decide how a Change looks, so they can change without touching the diff.
package diff

// Action says on which side a difference lies.
type Action string

// Actions, in the order reports list them.
const (
	OnlyStaging    Action = "only_in_staging"
	OnlyProduction Action = "only_in_production"
	Changed        Action = "changed"
)

// Change is one difference. With an empty Path the whole resource exists on
// one side only. With a Path naming a set attribute, Staging or Production
// holds the one element present on that side only. Otherwise Staging and
// Production hold the two values of the attribute at Path.
type Change struct {
	Action     Action `json:"action"`
	Area       string `json:"area"`
	Kind       string `json:"kind"`
	Resource   string `json:"resource"` // canonical key
	Path       string `json:"path,omitempty"`
	Staging    any    `json:"staging,omitempty"`
	Production any    `json:"production,omitempty"`
}

// Result is the outcome of comparing two environments.
type Result struct {
	Changes []Change `json:"changes"`
	// Paired counts, per area, resources present in both environments; the
	// score normalizes by it so a large account is not punished for size.
	Paired map[string]int `json:"paired"`
	// Total counts, per area, distinct keys across both environments.
	Total map[string]int `json:"total"`
	// Verdicts holds, per paired resource key and attribute, how the twins
	// differ in meaning; only attributes that differ are present.
	Verdicts map[string]map[string]Verdict `json:"verdicts,omitempty"`
	// Approximated lists, by resource and attribute, the comparisons by
	// meaning that were not exhaustive, equal ones included: an "equal"
	// there is not proven.
	Approximated []Approximation `json:"approximated,omitempty"`
}
