// Package run owns the result of one parity run: it turns two snapshots into
// a Report (summary, scores, findings, changes, coverage and the gate
// verdict), and it holds the one vocabulary (areas, kinds) and the one sort
// order every output uses. The exit code is a function of Report.Gate alone
// (ExitCode), so no output can disagree with the process.
//
// It never renders and never writes files: renderers in reports and the
// history store in reports/history import it, never the other way round.
// Stages flow one way (collectors, normalize, diff, policies, then this
// package); none of them may import it.
package run
