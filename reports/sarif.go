package reports

import (
	"context"
	"errors"
	"io"
)

// SARIFWriter is not written yet.
type SARIFWriter struct{ FailOn string }

// Write implements Writer.
func (SARIFWriter) Write(ctx context.Context, w io.Writer, r *Report) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "not implemented\n")
	return errors.Join(err)
}
