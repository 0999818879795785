package history

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// nameLayout is the run directory name: basic ISO 8601 in UTC, which sorts
// chronologically as plain text and is safe on every file system.
const nameLayout = "20060102T150405Z"

// A second run saved in the same second gets "-001", "-002", ...; three
// digits keep plain-text order right for up to 999 collisions, and List
// orders by the parsed number anyway.
var namePattern = regexp.MustCompile(`^([0-9]{8}T[0-9]{6}Z)(?:-([0-9]{3,9}))?$`)

// maxSeq bounds the collision search in Save.
const maxSeq = 999

// runKey is the parsed form of a run directory name.
type runKey struct {
	time time.Time
	seq  int
}

// formatName returns the directory name for a run at t with collision
// number seq (0 for none).
func formatName(t time.Time, seq int) string {
	base := t.UTC().Format(nameLayout)
	if seq == 0 {
		return base
	}
	return fmt.Sprintf("%s-%03d", base, seq)
}

// parseName parses a run directory name. It accepts only names that
// formatName produces, so two spellings never name the same run.
func parseName(name string) (runKey, error) {
	m := namePattern.FindStringSubmatch(name)
	if m == nil {
		return runKey{}, fmt.Errorf("name is not a run time like 20261123T021500Z")
	}
	t, err := time.Parse(nameLayout, m[1])
	if err != nil {
		return runKey{}, fmt.Errorf("name is not a valid time: %w", err)
	}
	seq := 0
	if m[2] != "" {
		seq, err = strconv.Atoi(m[2])
		if err != nil || seq == 0 {
			return runKey{}, fmt.Errorf("name has an invalid sequence suffix %q", m[2])
		}
	}
	k := runKey{time: t.UTC(), seq: seq}
	if formatName(k.time, k.seq) != name {
		return runKey{}, fmt.Errorf("name is not in canonical form (want %s)", formatName(k.time, k.seq))
	}
	return k, nil
}

// less orders run keys oldest first.
func (k runKey) less(o runKey) bool {
	if !k.time.Equal(o.time) {
		return k.time.Before(o.time)
	}
	return k.seq < o.seq
}

// compareNames orders run names chronologically; names that do not parse
// (which List never returns) sort after all runs, by text.
func compareNames(a, b string) int {
	ka, ea := parseName(a)
	kb, eb := parseName(b)
	switch {
	case ea == nil && eb == nil:
		if ka.less(kb) {
			return -1
		}
		if kb.less(ka) {
			return 1
		}
		return 0
	case ea == nil:
		return -1
	case eb == nil:
		return 1
	}
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
