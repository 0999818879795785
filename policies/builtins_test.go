package policies

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

// TestBuiltinsInCapabilities: the parity.* built-ins are part of the
// compiler's capabilities, so user modules that call them compile.
func TestBuiltinsInCapabilities(t *testing.T) {
	want := map[string]bool{"parity.iam.allows": false, "parity.iam.allows_request": false, "parity.iam.compare": false,
		"parity.iam.compare_policies": false, "parity.net.admits": false, "parity.net.compare": false,
		"parity.net.witness": false, "parity.net.exposes": false}
	for _, b := range newCompiler().Capabilities().Builtins {
		if _, ok := want[b.Name]; ok {
			want[b.Name] = true
		}
	}
	for name, ok := range want {
		if !ok {
			t.Errorf("%s is not in the compiler's capabilities", name)
		}
	}
	if ast.BuiltinMap["parity.iam.allows"] == nil {
		t.Error("parity.iam.allows is not registered with OPA")
	}
}

// TestUserPolicyUsesBuiltins: a team's rule and its Rego tests call the same
// Go semantics as the built-in rules, in `parity policy test` and in
// evaluation alike. One user test fails on purpose: an unknown protocol
// name is a built-in error, which must not read as "not admitted".
func TestUserPolicyUsesBuiltins(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join("testdata", "builtinpolicy")
	var buf strings.Builder
	passed, failed, err := RunTests(ctx, []string{dir}, &buf)
	if err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, name := range []string{"test_wildcard_action_passes_role", "test_notaction_without_iam_does_not", "test_net_protocol_number_admitted"} {
		if !strings.Contains(out, "PASS data.parity.rules.identity.passrole_any_test."+name) {
			t.Errorf("%s did not pass:\n%s", name, out)
		}
	}
	if !strings.Contains(out, "FAIL data.parity.rules.identity.passrole_any_test.test_net_unknown_protocol_name") {
		t.Errorf("a bad protocol name must fail the test, not read as false:\n%s", out)
	}
	if passed < 3 || failed != 1 {
		t.Errorf("passed %d failed %d, want 3+ and 1", passed, failed)
	}
	e, err := New(ctx, Options{PolicyDirs: []string{dir}, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	admin := role("app")
	admin.Attrs["permissions"] = []any{map[string]any{"effect": "Allow", "principal": "", "not_principal": false,
		"action": "*", "not_action": false, "resource": "*", "not_resource": false, "condition": map[string]any{}}}
	fs, err := e.Evaluate(ctx, env("staging", "111111111111", role("app")), env("production", "222222222222", admin), nil)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range fs {
		found = found || f.Rule == "identity.passrole_any"
	}
	if !found {
		t.Errorf("the user rule built on parity.iam.allows found nothing: %+v", fs)
	}
}
