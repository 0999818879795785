package policies

import "time"

// Severities from most to least severe.
const (
	SeverityCritical = "critical"
	SeverityHigh     = "high"
	SeverityMedium   = "medium"
	SeverityLow      = "low"
	SeverityInfo     = "info"
)

// Severities lists severities from most to least severe; flag validation
// and --help use it.
var Severities = []string{SeverityCritical, SeverityHigh, SeverityMedium, SeverityLow, SeverityInfo}

// SeverityRank orders severities: higher is more severe; unknown is 0.
func SeverityRank(s string) int {
	switch s {
	case SeverityCritical:
		return 5
	case SeverityHigh:
		return 4
	case SeverityMedium:
		return 3
	case SeverityLow:
		return 2
	case SeverityInfo:
		return 1
	}
	return 0
}

// Finding is one judged difference.
type Finding struct {
	// ID is stable across runs: a hash of rule, resource and the evidence
	// that makes the finding, never of times or positions.
	ID          string       `json:"id"`
	Rule        string       `json:"rule"`
	Title       string       `json:"title"`
	Category    string       `json:"category"`
	Severity    string       `json:"severity"`
	Resource    string       `json:"resource"`
	Kind        string       `json:"kind,omitempty"`
	Message     string       `json:"message"`
	Staging     any          `json:"staging,omitempty"`
	Production  any          `json:"production,omitempty"`
	Remediation string       `json:"remediation,omitempty"`
	References  []string     `json:"references,omitempty"`
	Waived      bool         `json:"waived,omitempty"`
	Waiver      *WaiverMatch `json:"waiver,omitempty"`
}

// WaiverMatch records which waiver silenced a finding.
type WaiverMatch struct {
	Rule     string    `json:"rule"`
	Resource string    `json:"resource"`
	Reason   string    `json:"reason"`
	Owner    string    `json:"owner"`
	Expires  time.Time `json:"expires"`
}

// Score is the parity score, 0 (far apart) to 100 (no weighted findings).
type Score struct {
	Overall int            `json:"overall"`
	Areas   map[string]int `json:"areas"`
}
