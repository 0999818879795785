package command

import (
	"errors"
	"fmt"
)

// Exit codes: the contract CI pipelines rely on.
const (
	ExitOK    = 0 // gate passed (or nothing to gate)
	ExitGate  = 1 // gate failed
	ExitError = 2 // usage, input or collection error, or partial coverage without --allow-partial
)

// exitError carries an exit code up to Main, the only place that turns it
// into a process exit.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// gateFailed is returned when the run worked and the gate said no; the
// reason has already been printed as the last line of the report.
func gateFailed(msg string) error { return &exitError{code: ExitGate, err: errors.New(msg)} }

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
