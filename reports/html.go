package reports

import (
	"context"
	"errors"
	"io"
)

// HTMLWriter is not written yet.
type HTMLWriter struct{ FailOn string }

// Write implements Writer.
func (HTMLWriter) Write(ctx context.Context, w io.Writer, r *Report) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "not implemented\n")
	return errors.Join(err)
}
