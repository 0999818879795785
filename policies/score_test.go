package policies

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestComputeScore(t *testing.T) {
	f := func(cat, sev string) Finding { return Finding{Category: cat, Severity: sev} }
	waived := f("network", SeverityCritical)
	waived.Waived = true
	all100 := map[string]int{"identity": 100, "secrets": 100, "logging": 100, "network": 100}
	tests := []struct {
		name   string
		fs     []Finding
		paired map[string]int
		want   Score
	}{
		{
			name:   "no findings",
			paired: map[string]int{"identity": 10},
			want:   Score{Overall: 100, Areas: map[string]int{"identity": 100, "secrets": 100, "logging": 100, "network": 100}},
		},
		{
			// README worked example: identity W = 5+2+2 = 9 over 40 paired:
			// 100·e^(−0.225) = 79.9 → 80; secrets W = 1 over 10: 90.5 → 90;
			// overall (80·40 + 90·10 + 100·20 + 100·30) / 100 = 91.
			name:   "worked example",
			fs:     []Finding{f("identity", SeverityHigh), f("identity", SeverityMedium), f("identity", SeverityMedium), f("secrets", SeverityLow), f("logging", SeverityInfo)},
			paired: map[string]int{"identity": 40, "secrets": 10, "logging": 20, "network": 30},
			want:   Score{Overall: 91, Areas: map[string]int{"identity": 80, "secrets": 90, "logging": 100, "network": 100}},
		},
		{
			name:   "size does not punish: ten times the resources and findings score the same",
			fs:     repeat(f("identity", SeverityHigh), 10),
			paired: map[string]int{"identity": 100},
			want:   Score{Overall: 61, Areas: map[string]int{"identity": 61, "secrets": 100, "logging": 100, "network": 100}},
		},
		{
			name:   "size does not punish: small account",
			fs:     repeat(f("identity", SeverityHigh), 1),
			paired: map[string]int{"identity": 10},
			want:   Score{Overall: 61, Areas: map[string]int{"identity": 61, "secrets": 100, "logging": 100, "network": 100}},
		},
		{
			name:   "critical caps a large area",
			fs:     []Finding{f("network", SeverityCritical)},
			paired: all100,
			want:   Score{Overall: 88, Areas: map[string]int{"identity": 100, "secrets": 100, "logging": 100, "network": 50}},
		},
		{
			name:   "waived findings do not count",
			fs:     []Finding{waived},
			paired: all100,
			want:   Score{Overall: 100, Areas: map[string]int{"identity": 100, "secrets": 100, "logging": 100, "network": 100}},
		},
		{
			name:   "findings without paired resources count as one",
			fs:     []Finding{f("logging", SeverityHigh)},
			paired: map[string]int{},
			want:   Score{Overall: 1, Areas: map[string]int{"identity": 100, "secrets": 100, "logging": 1, "network": 100}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, ComputeScore(tc.fs, tc.paired)); diff != "" {
				t.Errorf("score (-want +got):\n%s", diff)
			}
		})
	}
}

func repeat(f Finding, n int) []Finding {
	out := make([]Finding, n)
	for i := range out {
		out[i] = f
	}
	return out
}
