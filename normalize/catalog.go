package normalize

import (
	"github.com/parity-sec/parity/normalize/iamcatalog"
	"github.com/parity-sec/parity/normalize/iameval"
)

// catalog adapts the embedded action catalog to the evaluator, so that
// every policy normalize compiles knows all of AWS's actions: without it
// wildcards stay symbolic and nothing is ever admin-equivalent.
type catalog struct{}

func (catalog) Services() []string        { return iamcatalog.Services() }
func (catalog) Actions(p string) []string { return iamcatalog.Actions(p) }

func init() { iameval.SetDefaultCatalog(catalog{}) }
