package history

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/parity-sec/parity/collectors/snapshot"
	"github.com/parity-sec/parity/reports/run"
)

// ParseReport parses and validates a report.json read back from a history
// directory. History files are untrusted: they may be truncated by a full
// disk, edited by hand or written by another parity version, so every
// failure is a one-line error and never a panic.
func ParseReport(data []byte) (*run.Report, error) {
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return nil, errors.New("empty file, not a parity report")
	}
	if trimmed[0] != '{' {
		return nil, errors.New("not a JSON object, not a parity report")
	}
	// Peek at the version first so a report from another parity version
	// gets a clear message instead of a confusing field error.
	var head struct {
		SchemaVersion *int `json:"schema_version"`
	}
	if err := json.Unmarshal(trimmed, &head); err != nil {
		return nil, snapshot.DescribeJSONError(trimmed, err)
	}
	if head.SchemaVersion == nil {
		return nil, errors.New("no schema_version: not a parity report")
	}
	if *head.SchemaVersion != run.SchemaVersion {
		return nil, fmt.Errorf("schema_version %d is not supported (this parity reads version %d)", *head.SchemaVersion, run.SchemaVersion)
	}
	var r run.Report
	if err := json.Unmarshal(trimmed, &r); err != nil {
		return nil, snapshot.DescribeJSONError(trimmed, err)
	}
	if err := validateReport(&r); err != nil {
		return nil, err
	}
	return &r, nil
}

// validateReport checks what Compare and the trend rely on: findings are
// matched by id, and a score is a percentage.
func validateReport(r *run.Report) error {
	if r.Score != nil && (r.Score.Overall < 0 || r.Score.Overall > 100) {
		return fmt.Errorf("score.overall %d is outside 0-100", r.Score.Overall)
	}
	for i, f := range r.Findings {
		if strings.TrimSpace(f.ID) == "" {
			return fmt.Errorf("findings[%d]: empty id", i)
		}
	}
	return nil
}
