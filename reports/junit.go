package reports

import (
	"context"
	"errors"
	"io"
)

// JUnitWriter is not written yet.
type JUnitWriter struct{ FailOn string }

// Write implements Writer.
func (JUnitWriter) Write(ctx context.Context, w io.Writer, r *Report) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "not implemented\n")
	return errors.Join(err)
}
