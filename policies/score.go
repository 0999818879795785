package policies

import (
	"math"

	"github.com/parity-sec/parity/collectors/snapshot"
)

// SeverityWeight is what one unwaived finding of a severity costs.
var SeverityWeight = map[string]float64{
	SeverityCritical: 10,
	SeverityHigh:     5,
	SeverityMedium:   2,
	SeverityLow:      1,
	SeverityInfo:     0,
}

// CriticalCap is the highest score an area with an unwaived critical
// finding can get, so a large area never reads as healthy around one.
const CriticalCap = 50

// ComputeScore scores each area and the whole comparison from 0 (far
// apart) to 100 (no weighted findings); README.md "Scores" documents the
// formula with a worked example. paired counts resources present in both
// environments per area (diff.Result.Paired). Waived findings do not count.
//
//	area    = round(100 · exp(−W / max(N, 1))), at most CriticalCap with a critical
//	overall = round(Σ area·max(N, 1) / Σ max(N, 1))   over areas with N > 0 or findings
//
// where W is the sum of severity weights of the area's findings and N its
// paired resources. Dividing by N makes the score a density, so ten times
// the resources with ten times the findings scores the same.
func ComputeScore(fs []Finding, paired map[string]int) Score {
	weight := map[string]float64{}
	critical := map[string]bool{}
	for _, f := range fs {
		if f.Waived {
			continue
		}
		weight[f.Category] += SeverityWeight[f.Severity]
		if f.Severity == SeverityCritical {
			critical[f.Category] = true
		}
	}
	areas := map[string]bool{}
	for _, a := range snapshot.Areas {
		areas[a] = true
	}
	for a := range weight {
		areas[a] = true
	}
	s := Score{Areas: map[string]int{}}
	var sum, total float64
	for a := range areas {
		n := float64(max(paired[a], 1))
		score := int(math.Round(100 * math.Exp(-weight[a]/n)))
		if critical[a] && score > CriticalCap {
			score = CriticalCap
		}
		s.Areas[a] = score
		if paired[a] > 0 || weight[a] > 0 || critical[a] {
			sum += float64(score) * n
			total += n
		}
	}
	s.Overall = 100
	if total > 0 {
		s.Overall = int(math.Round(sum / total))
	}
	return s
}
