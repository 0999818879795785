package snapshot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
)

// Document is an IAM-style policy document kept as JSON text. In a snapshot
// file it may be written as a JSON object or as a string, and the string may
// be URL-encoded exactly as the IAM API returns it; all three load the same.
// Parsing into statements is normalize's job; Document only guarantees that
// a non-empty value is syntactically valid JSON.
type Document string

// UnmarshalJSON accepts an object, null, or a (possibly URL-encoded) string.
func (d *Document) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || bytes.Equal(b, []byte("null")):
		*d = ""
		return nil
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		doc, err := DecodeDocument(s)
		if err != nil {
			return err
		}
		*d = doc
		return nil
	case b[0] == '{':
		var buf bytes.Buffer
		if err := json.Compact(&buf, b); err != nil {
			return fmt.Errorf("policy document: %w", err)
		}
		*d = Document(buf.String())
		return nil
	default:
		return fmt.Errorf("policy document: want a JSON object or string, got %.20q", b)
	}
}

// MarshalJSON writes the document as a JSON object so snapshot files stay readable.
func (d Document) MarshalJSON() ([]byte, error) {
	if d == "" {
		return []byte("null"), nil
	}
	if !json.Valid([]byte(d)) {
		return json.Marshal(string(d))
	}
	return []byte(d), nil
}

// DecodeDocument turns a policy document as AWS returns it (JSON text,
// URL-encoded or not) into compact JSON. An empty string is an empty document.
func DecodeDocument(s string) (Document, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	if !strings.HasPrefix(s, "{") {
		dec, err := url.QueryUnescape(s)
		if err != nil {
			return "", fmt.Errorf("policy document: not JSON and not URL-encoded JSON: %w", err)
		}
		s = strings.TrimSpace(dec)
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, []byte(s)); err != nil {
		// %v, not %w: the loader must not report this SyntaxError's offset as a file offset.
		return "", fmt.Errorf("policy document: %v", err)
	}
	if buf.Len() == 0 || buf.Bytes()[0] != '{' {
		return "", fmt.Errorf("policy document: want a JSON object")
	}
	return Document(buf.String()), nil
}
