// Package reports renders a parity run. Every format is one file with one
// Writer; New picks a writer by format name from Formats.
//
// Writers only render what the run.Report holds, in the order it holds it:
// they never compute findings, scores, summaries or the gate, never read the
// clock, the terminal or the environment (the caller passes Options and the
// run pins Report.GeneratedAt), and never modify the Report. No format may
// show an area with a coverage gap as clean.
package reports

import (
	"context"
	"io"

	"github.com/parity-sec/parity/reports/run"
)

// The report model lives in reports/run, which owns a run's result; these
// aliases keep the renderers' signatures short.
type (
	Report        = run.Report
	Finding       = run.Finding
	Change        = run.Change
	Names         = run.Names
	Side          = run.Side
	EnvMeta       = run.EnvMeta
	Summary       = run.Summary
	AreaSummary   = run.AreaSummary
	Gate          = run.Gate
	History       = run.History
	TrendPoint    = run.TrendPoint
	WaiverProblem = run.WaiverProblem
)

// SchemaVersion versions the JSON report.
const SchemaVersion = run.SchemaVersion

// Writer renders a report to w.
type Writer interface {
	Write(ctx context.Context, w io.Writer, r *Report) error
}
