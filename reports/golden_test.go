package reports

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parity-sec/parity/collectors/snapshot"
	"github.com/parity-sec/parity/collectors/snapshot/snapshottest/golden"
	"github.com/parity-sec/parity/policies"
)

// goldenCases is every (format, fixture, options) combination with a golden file.
func goldenCases() []struct {
	golden string
	format string
	opts   Options
	report func() *Report
} {
	type c = struct {
		golden string
		format string
		opts   Options
		report func() *Report
	}
	var out []c
	for _, f := range Formats {
		for _, fx := range fixtures {
			name := f
			if fx.name != "full" {
				name += "-" + fx.name
			}
			out = append(out, c{name, f, Options{FailOn: "high"}, fx.report})
		}
	}
	out = append(out, c{"table-color", FormatTable, Options{Color: true, FailOn: "high"}, fixtureReport})
	out = append(out, c{"junit-failon-medium", FormatJUnit, Options{FailOn: "medium"}, fixtureReport})
	return out
}

func render(t *testing.T, format string, opts Options, r *Report) []byte {
	t.Helper()
	w, err := New(format, opts)
	if err != nil {
		t.Fatalf("New(%q): %v", format, err)
	}
	var buf bytes.Buffer
	if err := w.Write(context.Background(), &buf, r); err != nil {
		t.Fatalf("%s: Write: %v", format, err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	for _, tc := range goldenCases() {
		t.Run(tc.golden, func(t *testing.T) {
			got := render(t, tc.format, tc.opts, tc.report())
			golden.Check(t, filepath.Join("testdata", tc.golden+".golden"), got)
		})
	}
}

// TestDeterministic writes each report twice, from freshly built inputs,
// and wants the same bytes: map iteration order must never leak out.
func TestDeterministic(t *testing.T) {
	for _, tc := range goldenCases() {
		t.Run(tc.golden, func(t *testing.T) {
			a := render(t, tc.format, tc.opts, tc.report())
			for range 3 {
				b := render(t, tc.format, tc.opts, tc.report())
				if !bytes.Equal(a, b) {
					t.Fatalf("two writes differ:\n%s", cmp.Diff(string(a), string(b)))
				}
			}
		})
	}
}

// TestDoesNotMutate checks writers leave the caller's report as it was,
// since the lead writes several formats from one Report.
func TestDoesNotMutate(t *testing.T) {
	for _, f := range Formats {
		r := fixtureReport()
		render(t, f, Options{}, r)
		if diff := cmp.Diff(fixtureReport(), r); diff != "" {
			t.Errorf("%s changed the report (-before +after):\n%s", f, diff)
		}
	}
}

func TestNew(t *testing.T) {
	for _, f := range Formats {
		if _, err := New(f, Options{}); err != nil {
			t.Errorf("New(%q): %v", f, err)
		}
	}
	_, err := New("xml", Options{})
	if err == nil {
		t.Fatal("New(xml): want an error")
	}
	want := `unknown report format "xml" (want one of table, json, markdown, html, sarif, junit)`
	if err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
}

func TestCancelledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, f := range Formats {
		w, _ := New(f, Options{})
		var buf bytes.Buffer
		if err := w.Write(ctx, &buf, fixtureReport()); err == nil {
			t.Errorf("%s: want an error for a cancelled context", f)
		}
		if buf.Len() != 0 {
			t.Errorf("%s: wrote %d bytes despite a cancelled context", f, buf.Len())
		}
	}
}

// TestPartialNeverClean checks every human format labels the partial area.
func TestPartialNeverClean(t *testing.T) {
	for _, f := range []string{FormatTable, FormatMarkdown, FormatHTML} {
		out := string(render(t, f, Options{}, fixtureReport()))
		if !strings.Contains(out, "PARTIAL") {
			t.Errorf("%s: no PARTIAL label for the logging area", f)
		}
	}
}

// TestPartialEmptyArea checks an area with a coverage gap and no findings
// is never presented as clean, in every format that has a verdict per area.
func TestPartialEmptyArea(t *testing.T) {
	r := emptyReport()
	r.Production.Coverage = append(r.Production.Coverage, snapshot.Coverage{Service: "ec2", Region: "eu-west-1", Status: "error", Message: "throttled"})
	// The run decides which areas are partial; renderers show its decision.
	r.PartialAreas = []string{"network"}
	r.Summary.Areas[3].Partial = true
	for _, tc := range []struct{ format, want string }{
		{FormatTable, "network: [PARTIAL coverage] findings are only of what was seen; this area is not known to be clean"},
		{FormatTable, "network  score 100 · 5 paired"},
		{FormatTable, "gate PASSED: 0 findings at or above high · PARTIAL: network"},
		{FormatMarkdown, "| network | 100 | 5 | 0 | 0 | ⚠️ **PARTIAL** |"},
		{FormatMarkdown, "**network**: 0 findings, 0 changes, PARTIAL coverage"},
		{FormatHTML, `network <span class="badge partial"`},
		{FormatJUnit, `<error message="coverage is PARTIAL: network was not fully collected`},
	} {
		out := string(render(t, tc.format, Options{}, r))
		if !strings.Contains(out, tc.want) {
			t.Errorf("%s output lacks %q", tc.format, tc.want)
		}
	}
}

// TestUnknownCategory checks a finding whose category is no area (a user
// policy's typo) is shown under "other", not dropped.
func TestUnknownCategory(t *testing.T) {
	r := emptyReport()
	r.Findings = wrapF([]policies.Finding{{ID: "x1", Rule: "team.custom", Category: "compliance", Severity: "high", Resource: "thing/global/a", Message: "custom finding"}})
	for _, f := range []string{FormatTable, FormatMarkdown, FormatHTML, FormatJUnit, FormatSARIF} {
		out := string(render(t, f, Options{}, r))
		if !strings.Contains(out, "custom finding") || !strings.Contains(strings.ToLower(out), "other") {
			t.Errorf("%s: finding with unknown category is missing or not under \"other\"", f)
		}
	}
}

// TestPartialGateVerdict: a gate that refused to vouch (exit 2) is never
// shown as passed or as not evaluated.
func TestPartialGateVerdict(t *testing.T) {
	r := emptyReport()
	r.PartialAreas = []string{"network"}
	r.Gate = &Gate{Passed: false, Partial: true, FailOn: "high", Reasons: []string{"coverage is partial in network: the result cannot vouch for those areas"}}
	for _, tc := range []struct{ format, want string }{
		{FormatHTML, `<div class="banner partial" id="gate">`},
		{FormatHTML, "coverage is partial in network"},
		{FormatSARIF, `"exitCode": 2`},
		{FormatJUnit, `type="partial"`},
		{FormatJSON, `"partial": true`},
		{FormatMarkdown, "failed"},
		{FormatTable, "coverage is partial in network"},
	} {
		if out := string(render(t, tc.format, Options{}, r)); !strings.Contains(out, tc.want) {
			t.Errorf("%s output lacks %q", tc.format, tc.want)
		}
	}
}
