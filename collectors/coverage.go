package collectors

import (
	"errors"
	"fmt"

	"github.com/aws/smithy-go"
	"github.com/parity-sec/parity/collectors/snapshot"
)

// deniedCodes are the error codes AWS services use for a missing permission.
var deniedCodes = map[string]bool{
	"AccessDenied":          true,
	"AccessDeniedException": true,
	"UnauthorizedOperation": true,
	"UnauthorizedAccess":    true,
}

// coverageFor turns the outcome of one service×region collection into its
// coverage entry.
func coverageFor(service, region string, err error) snapshot.Coverage {
	c := snapshot.Coverage{Service: service, Region: region, Status: snapshot.CoverageOK}
	if err == nil {
		return c
	}
	c.Status = snapshot.CoverageError
	var missing missingError
	if errors.As(err, &missing) {
		c.Status = snapshot.CoverageMissing
		c.Message = missing.Error()
		return c
	}
	var api smithy.APIError
	if errors.As(err, &api) {
		if deniedCodes[api.ErrorCode()] {
			c.Status = snapshot.CoverageDenied
		}
		// Operation, code and message only: the SDK's full text carries a
		// request id, which would make two runs over the same account differ.
		msg := fmt.Sprintf("%s: %s", api.ErrorCode(), api.ErrorMessage())
		var op *smithy.OperationError
		if errors.As(err, &op) {
			msg = op.OperationName + ": " + msg
		}
		c.Message = oneLine(msg)
		return c
	}
	c.Message = oneLine(err.Error())
	return c
}

// firstError keeps the first error of a collection that carries on after
// failures, so one denied item does not hide the rest of a service.
type firstError struct{ err error }

// add records err if it is the first and reports whether err was non-nil.
func (f *firstError) add(err error) bool {
	if err == nil {
		return false
	}
	if f.err == nil {
		f.err = err
	}
	return true
}

// wrap adds context to a non-nil error and passes nil through.
func wrap(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", what, err)
}
