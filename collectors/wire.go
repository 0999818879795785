package collectors

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"time"
)

// The wire types below mirror the JSON the AWS CLI prints (member names as in
// the service models) and keep only the fields parity reads. Live collection
// re-encodes the SDK's outputs into the same types (recode), so the CLI
// export reader and the API collector share one conversion into the
// snapshot and cannot disagree about meaning.

// cliTime is a timestamp as the CLI prints it: an ISO 8601 string, or epoch
// seconds for JSON-protocol services when cli_timestamp_format is "none"
// (the AWS CLI v1 default). It is kept in UTC, truncated to seconds, so both
// sources give the same bytes.
type cliTime struct{ t *time.Time }

func (c *cliTime) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || bytes.Equal(b, []byte("null")) {
		c.t = nil
		return nil
	}
	if b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		if s == "" {
			c.t = nil
			return nil
		}
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999Z0700", "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999-07:00"} {
			if t, err := time.Parse(layout, s); err == nil {
				c.set(t)
				return nil
			}
		}
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return c.setEpoch(f)
		}
		return fmt.Errorf("timestamp %q: not ISO 8601 or epoch seconds", s)
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return fmt.Errorf("timestamp %.30s: not ISO 8601 or epoch seconds", b)
	}
	return c.setEpoch(f)
}

func (c *cliTime) setEpoch(f float64) error {
	// Bound to years 1..9999 so absurd input cannot overflow time arithmetic.
	if math.IsNaN(f) || f < -62135596800 || f > 253402300799 {
		return fmt.Errorf("timestamp %v: out of range", f)
	}
	c.set(time.Unix(int64(f), 0))
	return nil
}

func (c *cliTime) set(t time.Time) {
	t = t.UTC().Truncate(time.Second)
	c.t = &t
}

// ptr returns a copy of the time, or nil.
func (c cliTime) ptr() *time.Time {
	if c.t == nil {
		return nil
	}
	t := *c.t
	return &t
}

// wireTag is the Key/Value tag most services use.
type wireTag struct {
	Key   string
	Value string
}

func tagMap(tags []wireTag) map[string]string {
	if len(tags) == 0 {
		return nil
	}
	m := make(map[string]string, len(tags))
	for _, t := range tags {
		m[t.Key] = t.Value
	}
	return m
}

// recode converts an SDK output into its wire type through JSON: SDK types
// have no json tags, so encoding/json uses the Go field names, which are the
// model member names the CLI prints (matching is case-insensitive, which
// covers the lower-camel names of CloudWatch Logs and CloudTrail).
func recode(from, to any) error {
	b, err := json.Marshal(from)
	if err != nil {
		return fmt.Errorf("encode %T: %w", from, err)
	}
	if err := json.Unmarshal(b, to); err != nil {
		return fmt.Errorf("decode %T: %w", to, err)
	}
	return nil
}

// sortedKeys returns a map's keys in order, for deterministic iteration.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
