package reports

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/parity-sec/parity/collectors/snapshot"
)

// JSONWriter writes the Report as the versioned JSON document described in
// reports/README.md. It keeps the Report's own order: the JSON is data, and
// consumers sort as they need.
type JSONWriter struct{}

// Write implements Writer.
func (JSONWriter) Write(ctx context.Context, w io.Writer, r *Report) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	out := withEmptyLists(r)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	// Resource patterns such as "arn:…/*" and conditions with "<" must stay
	// readable; the file is never embedded in HTML unescaped.
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("encode json report: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// withEmptyLists returns a shallow copy of r whose documented lists are []
// rather than null and whose schema version is set, so consumers can
// iterate without nil checks.
func withEmptyLists(r *Report) *Report {
	out := *r
	if out.SchemaVersion == 0 {
		out.SchemaVersion = SchemaVersion
	}
	out.PartialAreas = nonNil(out.PartialAreas)
	out.Summary.Areas = nonNil(out.Summary.Areas)
	out.Findings = nonNil[Finding](out.Findings)
	out.Changes = nonNil[Change](out.Changes)
	for _, env := range []*EnvMeta{&out.Staging, &out.Production} {
		env.Regions = nonNil(env.Regions)
		env.Coverage = nonNil[snapshot.Coverage](env.Coverage)
	}
	if out.History != nil {
		h := *out.History
		h.New = nonNil(h.New)
		h.Resolved = nonNil(h.Resolved)
		h.Persisting = nonNil(h.Persisting)
		h.Trend = nonNil(h.Trend)
		out.History = &h
	}
	return &out
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
