package run

import (
	"strings"
	"testing"

	"github.com/parity-sec/parity/policies"
)

func TestDecideGate(t *testing.T) {
	findings := []Finding{
		{Finding: policies.Finding{Rule: "a", Resource: "r1", Severity: policies.SeverityHigh}},
		{Finding: policies.Finding{Rule: "b", Resource: "r2", Severity: policies.SeverityCritical, Waived: true}},
		{Finding: policies.Finding{Rule: "c", Resource: "r3", Severity: policies.SeverityLow}},
	}
	score := &policies.Score{Overall: 60}
	for _, tc := range []struct {
		name    string
		partial []string
		opts    GateOptions
		exit    int
		reason  string // substring of the first reason
	}{
		{"default threshold is high", nil, GateOptions{}, ExitGate, "1 high finding at or above --fail-on high"},
		{"critical ignores the high and the waived critical", nil, GateOptions{FailOn: "critical"}, ExitOK, ""},
		{"low catches the low", nil, GateOptions{FailOn: "low"}, ExitGate, "1 high"},
		{"none passes", nil, GateOptions{FailOn: "none"}, ExitOK, ""},
		{"min score alone fails", nil, GateOptions{FailOn: "none", MinScore: 61}, ExitGate, "parity score 60 is below --min-score 61"},
		{"min score met", nil, GateOptions{FailOn: "none", MinScore: 60}, ExitOK, ""},
		{"partial is exit 2 even with none", []string{"logging"}, GateOptions{FailOn: "none"}, ExitPartial, "coverage is partial in logging"},
		{"partial reason comes first", []string{"logging"}, GateOptions{}, ExitPartial, "coverage is partial in logging"},
		{"allow-partial gates by findings", []string{"logging"}, GateOptions{AllowPartial: true}, ExitGate, "1 high"},
		{"allow-partial with none passes", []string{"logging"}, GateOptions{FailOn: "none", AllowPartial: true}, ExitOK, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := &Report{PartialAreas: tc.partial, Findings: findings, Score: score}
			g := decideGate(rep, nil, tc.opts)
			if got := ExitCode(g); got != tc.exit {
				t.Fatalf("exit %d, want %d (gate %+v)", got, tc.exit, g)
			}
			if g.Passed != (tc.exit == ExitOK) {
				t.Errorf("Passed = %v with exit %d", g.Passed, tc.exit)
			}
			if g.Partial != (tc.exit == ExitPartial) {
				t.Errorf("Partial = %v with exit %d", g.Partial, tc.exit)
			}
			if tc.reason != "" && (len(g.Reasons) == 0 || !strings.Contains(g.Reasons[0], tc.reason)) {
				t.Errorf("reasons %q, want the first to contain %q", g.Reasons, tc.reason)
			}
			if tc.opts.FailOn == "" && g.FailOn != DefaultFailOn {
				t.Errorf("FailOn %q, want the default %q", g.FailOn, DefaultFailOn)
			}
		})
	}
	if ExitCode(nil) != ExitOK {
		t.Error("a run without a gate has nothing to fail")
	}
}
