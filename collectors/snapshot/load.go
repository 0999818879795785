package snapshot

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
)

// MaxFileSize is the default bound on what Load and ReadFile read, so a
// wrong path (a disk image, a log, /dev/zero) fails fast instead of
// exhausting memory. 2 GiB holds far more than 50k resources; the CLI's
// --max-snapshot-size changes it.
const MaxFileSize = 2 << 30

var accountIDPattern = regexp.MustCompile(`^[0-9]{12}$`)

// Load reads and validates one snapshot file. Errors name the file and say
// what is wrong in one line, so the CLI can print them as they are.
func Load(path string) (*Snapshot, error) {
	s, _, err := LoadRaw(path, MaxFileSize)
	return s, err
}

// LoadRaw is Load that also returns the bytes it read, for the history
// store, which keeps each snapshot exactly as it was given. max bounds the
// read (MaxFileSize when 0) whatever stat() says: a device or a FIFO has
// no size.
func LoadRaw(path string, max int64) (*Snapshot, []byte, error) {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return nil, nil, fmt.Errorf("%s: is a directory, want a snapshot file", path)
	}
	data, err := ReadFile(path, max)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	s, err := Parse(data)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, data, nil
}

// Decode parses and validates a snapshot from r.
func Decode(r io.Reader) (*Snapshot, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	return Parse(data)
}

// Parse parses and validates snapshot bytes.
func Parse(data []byte) (*Snapshot, error) {
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return nil, errors.New("empty file, not a parity snapshot")
	}
	if trimmed[0] != '{' {
		return nil, errors.New("not a JSON object, not a parity snapshot")
	}
	// One full decode; the version is checked first afterwards, and on a
	// decode error the version is peeked so a future format gets a clear
	// message instead of a confusing field error. (A separate peek before
	// the decode would scan every file twice.)
	var s Snapshot
	s.SchemaVersion = -1
	if err := json.Unmarshal(trimmed, &s); err != nil {
		if verr := checkVersion(trimmed); verr != nil {
			return nil, verr
		}
		return nil, DescribeJSONError(trimmed, err)
	}
	if s.SchemaVersion == -1 {
		return nil, errors.New("no schema_version: not a parity snapshot")
	}
	if s.SchemaVersion != SchemaVersion {
		return nil, versionError(s.SchemaVersion)
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return &s, nil
}

// checkVersion reports a missing or unsupported schema_version, or nil when
// the version is fine or cannot be read (the caller's error then stands).
func checkVersion(data []byte) error {
	var head struct {
		SchemaVersion *int `json:"schema_version"`
	}
	if json.Unmarshal(data, &head) != nil {
		return nil
	}
	if head.SchemaVersion == nil {
		return errors.New("no schema_version: not a parity snapshot")
	}
	if *head.SchemaVersion != SchemaVersion {
		return versionError(*head.SchemaVersion)
	}
	return nil
}

func versionError(v int) error {
	return fmt.Errorf("schema_version %d is not supported (this parity reads version %d)", v, SchemaVersion)
}

// Validate checks the fields every consumer relies on.
func (s *Snapshot) Validate() error {
	if strings.TrimSpace(s.Environment) == "" {
		return errors.New("environment is empty")
	}
	if s.AccountID != "" && !accountIDPattern.MatchString(s.AccountID) {
		return fmt.Errorf("account_id %q is not a 12-digit AWS account id", s.AccountID)
	}
	for i, c := range s.Coverage {
		switch c.Status {
		case CoverageOK, CoverageDenied, CoverageError, CoverageMissing:
		default:
			return fmt.Errorf("coverage[%d]: unknown status %q (want ok, denied, error or missing)", i, c.Status)
		}
	}
	return nil
}

// DescribeJSONError turns encoding/json errors into one line with a byte
// offset, and says "truncated" when the input simply stops.
func DescribeJSONError(data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		if strings.Contains(syn.Error(), "unexpected end") { // an error at the last byte also has Offset == len(data)
			return fmt.Errorf("truncated JSON (file ends at byte %d)", len(data))
		}
		return fmt.Errorf("invalid JSON at byte %d: %s", syn.Offset, syn.Error())
	case errors.As(err, &typ):
		return fmt.Errorf("field %s: want %s, got JSON %s", typ.Field, typ.Type, typ.Value)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("truncated JSON (file ends at byte %d)", len(data))
	default:
		return err
	}
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
