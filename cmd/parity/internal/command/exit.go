package command

import (
	"errors"
	"fmt"

	"github.com/parity-sec/parity/reports/run"
)

// Exit codes: the contract CI pipelines rely on. The gate's codes are the
// run package's, so a report and the process cannot disagree.
const (
	ExitOK    = run.ExitOK   // gate passed (or nothing to gate)
	ExitGate  = run.ExitGate // gate failed
	ExitError = 2            // usage, input or collection error, or partial coverage without --allow-partial
)

// exitError carries an exit code up to Main, the only place that turns it
// into a process exit.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// gateExit turns the gate verdict into the error Main exits with: the
// exit code is run.ExitCode of the gate and nothing else. A failed gate's
// reasons are already the report's last line; a partial one is also said
// on stderr, since it is an exit 2 like input errors.
func gateExit(g *run.Gate) error {
	switch code := run.ExitCode(g); code {
	case run.ExitOK:
		return nil
	case run.ExitPartial:
		return &exitError{code: code, err: errors.New(g.Reasons[0])}
	default:
		return &exitError{code: code, err: errors.New("gate failed")}
	}
}

// testsFailed is returned when policy tests ran and some failed: exit 1,
// like a failed gate, with the count already printed.
func testsFailed(msg string) error { return &exitError{code: ExitGate, err: errors.New(msg)} }

// usageError is a bad flag or argument.
func usageError(format string, a ...any) error {
	return &exitError{code: ExitError, err: fmt.Errorf(format, a...)}
}

// codeOf maps any error to its exit code; unknown errors are input or
// collection errors.
func codeOf(err error) int {
	if err == nil {
		return ExitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return ExitError
}
