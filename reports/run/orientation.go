package run

import (
	"fmt"
	"slices"
	"strings"
)

// Conventional environment names. A run whose first snapshot is one of
// ProductionNames and whose second is one of StagingNames has its sides
// swapped: every "the production side is weaker" would read backwards and
// severities that depend on the weaker side would be wrong.
var (
	StagingNames    = []string{"staging", "stage", "stg"}
	ProductionNames = []string{"production", "prod", "prd"}
)

// SwappedError says the two snapshots were given in the wrong order.
type SwappedError struct {
	First, Second             string // environment names, as given
	FirstSource, SecondSource string // where each came from (a file), may be empty
}

func (e *SwappedError) Error() string {
	first, second := e.First, e.Second
	if e.FirstSource != "" {
		first = fmt.Sprintf("%s (environment %s)", e.FirstSource, e.First)
	}
	if e.SecondSource != "" {
		second = fmt.Sprintf("%s (environment %s)", e.SecondSource, e.Second)
	}
	return fmt.Sprintf("snapshots are swapped: %s is production and %s is staging; give staging first: parity diff %s %s",
		first, second, orName(e.SecondSource, e.Second), orName(e.FirstSource, e.First))
}

func orName(source, env string) string {
	if source != "" {
		return source
	}
	return env
}

// CheckOrientation returns a *SwappedError when the first environment is
// a production name and the second a staging name. extraStaging and
// extraProduction are the names and aliases the configuration gives each
// side; the comparison ignores case.
func CheckOrientation(first, second string, extraStaging, extraProduction []string) error {
	if isOneOf(first, ProductionNames, extraProduction) && isOneOf(second, StagingNames, extraStaging) {
		return &SwappedError{First: first, Second: second}
	}
	return nil
}

func isOneOf(name string, lists ...[]string) bool {
	name = strings.ToLower(strings.TrimSpace(name))
	for _, l := range lists {
		if slices.ContainsFunc(l, func(s string) bool { return strings.ToLower(s) == name }) {
			return true
		}
	}
	return false
}
