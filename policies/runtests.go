package policies

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"
)

// RunTests runs the Rego unit tests (test_* rules) of the built-in
// policies and of every .rego file under dirs through OPA's tester, and
// writes one line per test to w, sorted by package and name:
//
//	PASS data.parity.rules.identity.cross_env_trust_test.test_hit (builtin/identity/cross_env_trust_test.rego:9)
//	FAIL data.team.rules_test.test_x (policies/x_test.rego:12)
//
// A module that does not parse or compile is an error, not a failed test.
func RunTests(ctx context.Context, dirs []string, w io.Writer) (passed, failed int, err error) {
	mods, err := loadModules(dirs, true)
	if err != nil {
		return 0, 0, err
	}
	byName := make(map[string]*ast.Module, len(mods))
	for _, m := range mods {
		byName[m.name] = m.mod
	}
	ch, err := tester.NewRunner().
		SetCompiler(newCompiler()).
		SetStore(inmem.New()).
		SetModules(byName).
		CapturePrintOutput(true).
		RunTests(ctx, nil)
	if err != nil {
		return 0, 0, oneLine(err)
	}
	var results []*tester.Result
	for r := range ch {
		results = append(results, r)
	}
	sort.Slice(results, func(i, j int) bool {
		if results[i].Package != results[j].Package {
			return results[i].Package < results[j].Package
		}
		return results[i].Name < results[j].Name
	})
	for _, r := range results {
		detail := ""
		if r.Location != nil {
			detail = fmt.Sprintf("%s:%d", r.Location.File, r.Location.Row)
		}
		status := "PASS"
		switch {
		case r.Error != nil:
			status, detail = "FAIL", detail+": "+strings.ReplaceAll(r.Error.Error(), "\n", " ")
		case r.Fail:
			status = "FAIL"
		case r.Skip:
			status = "SKIP"
		}
		if status == "FAIL" {
			failed++
		} else if status == "PASS" {
			passed++
		}
		if _, err := fmt.Fprintf(w, "%s %s.%s (%s)\n", status, r.Package, r.Name, detail); err != nil {
			return passed, failed, fmt.Errorf("write test results: %w", err)
		}
	}
	return passed, failed, nil
}
