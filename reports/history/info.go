package history

import (
	"time"

	"github.com/parity-sec/parity/reports/run"
)

// RunInfo summarizes one complete run in a history directory.
type RunInfo struct {
	// Name is the run's directory name inside the history directory.
	Name string
	// Time is the run time encoded in Name, in UTC, to the second.
	Time time.Time
	// Overall is the parity score; meaningful only when HasScore.
	Overall  int
	HasScore bool
	// Findings counts all findings, waived or not; Unwaived those that
	// count against the gate.
	Findings, Unwaived int
	// GatePassed is nil when the run had no gate verdict.
	GatePassed *bool
}

// Problem is a run that could not be read and was skipped.
type Problem struct {
	Run     string // directory (or file) name inside the history directory
	Message string // what is wrong, one line
}

// String renders the problem as the line `parity history` prints.
func (p Problem) String() string {
	return "skipped " + p.Run + ": " + p.Message
}

// infoFrom summarizes a report saved under name.
func infoFrom(name string, key runKey, r *run.Report) RunInfo {
	info := RunInfo{Name: name, Time: key.time, Findings: len(r.Findings)}
	if r.Score != nil {
		info.Overall = r.Score.Overall
		info.HasScore = true
	}
	for _, f := range r.Findings {
		if !f.Waived {
			info.Unwaived++
		}
	}
	if r.Gate != nil {
		passed := r.Gate.Passed
		info.GatePassed = &passed
	}
	return info
}
