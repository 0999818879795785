package reports

import (
	"context"
	"errors"
	"io"
)

// MarkdownWriter is not written yet.
type MarkdownWriter struct{ FailOn string }

// Write implements Writer.
func (MarkdownWriter) Write(ctx context.Context, w io.Writer, r *Report) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "not implemented\n")
	return errors.Join(err)
}
