package crossing

import (
	"os"
	"testing"

	"github.com/parity-sec/parity/normalize/iamcatalog"
	"github.com/parity-sec/parity/normalize/iameval"
)

// embedded is the shipped action catalog as an iameval.Catalog, so
// admin-equivalence and grades are judged over every AWS action.
type embedded struct{}

func (embedded) Services() []string             { return iamcatalog.Services() }
func (embedded) Actions(prefix string) []string { return iamcatalog.Actions(prefix) }

func TestMain(m *testing.M) {
	iameval.SetDefaultCatalog(embedded{})
	os.Exit(m.Run())
}
