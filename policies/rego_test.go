package policies

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuiltinRegoTests runs every built-in _test.rego through OPA's tester,
// so `go test ./...` fails when a rule's own test fails.
func TestBuiltinRegoTests(t *testing.T) {
	var buf bytes.Buffer
	passed, failed, err := RunTests(context.Background(), nil, &buf)
	if err != nil {
		t.Fatalf("RunTests: %v", err)
	}
	if failed > 0 {
		t.Fatalf("%d Rego tests failed:\n%s", failed, buf.String())
	}
	if passed == 0 {
		t.Fatal("no Rego tests ran")
	}
	// Every built-in rule must have a test package beside it.
	e, err := New(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, r := range e.Rules() {
		if !strings.Contains(out, "data.parity.rules."+r.ID+"_test.") {
			t.Errorf("rule %s has no _test.rego", r.ID)
		}
	}
}

func TestRunTestsReportsFailures(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "x_test.rego"), `package team.x_test

test_ok if { 1 == 1 }

test_bad if { 1 == 2 }
`)
	var buf bytes.Buffer
	_, failed, err := RunTests(context.Background(), []string{dir}, &buf)
	if err != nil {
		t.Fatal(err)
	}
	if failed != 1 {
		t.Fatalf("failed = %d, want 1\n%s", failed, buf.String())
	}
	want := "FAIL data.team.x_test.test_bad (" + filepath.Join(dir, "x_test.rego") + ":5)\nPASS data.team.x_test.test_ok"
	if !strings.Contains(buf.String(), want) {
		t.Errorf("output lacks %q:\n%s", want, buf.String())
	}
}

func writeFile(t *testing.T, p, s string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}
