package snapshot_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parity-sec/parity/collectors/snapshot"
	"github.com/parity-sec/parity/collectors/snapshot/snapshottest"
)

// minimal is the smallest valid snapshot; bad inputs are built by editing it.
func minimal() map[string]any {
	return map[string]any{
		"schema_version": 1,
		"environment":    "staging",
		"account_id":     "111111111111",
		"regions":        []string{"us-east-1"},
		"coverage":       []map[string]any{{"service": "iam", "region": "global", "status": "ok"}},
		"identity": map[string]any{"roles": []map[string]any{{
			"name": "app-staging", "arn": "arn:aws:iam::111111111111:role/app-staging",
			"trust_policy": map[string]any{"Version": "2012-10-17", "Statement": []any{}},
		}}},
	}
}

func withField(key string, v any) []byte {
	m := minimal()
	if v == nil {
		delete(m, key)
	} else {
		m[key] = v
	}
	b, _ := json.Marshal(m)
	return b
}

func withTrust(v any) []byte {
	m := minimal()
	m["identity"].(map[string]any)["roles"].([]map[string]any)[0]["trust_policy"] = v
	b, _ := json.Marshal(m)
	return b
}

func TestLoadBadInput(t *testing.T) {
	stgPath, _ := snapshottest.ExamplePaths(t)
	example, err := os.ReadFile(stgPath)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		content []byte // nil: do not create the file
		dir     bool   // create a directory at the path instead
		want    string // substring of the message after "<path>: "
	}{
		{name: "missing file", want: "no such file or directory"},
		{name: "directory", dir: true, want: "is a directory"},
		{name: "empty file", content: []byte{}, want: "empty file, not a parity snapshot"},
		{name: "whitespace only", content: []byte(" \n\t\n"), want: "empty file, not a parity snapshot"},
		{name: "not JSON", content: []byte("environment: staging\n"), want: "not a JSON object, not a parity snapshot"},
		{name: "JSON array", content: []byte(`[{"schema_version":1}]`), want: "not a JSON object, not a parity snapshot"},
		{name: "JSON string", content: []byte(`"staging"`), want: "not a JSON object, not a parity snapshot"},
		{name: "truncated example", content: example[:len(example)/2], want: "truncated JSON (file ends at byte"},
		{name: "trailing garbage", content: append(withField("tool_version", "x"), "}"...), want: "invalid JSON at byte"},
		{name: "other schema_version", content: withField("schema_version", 2), want: "schema_version 2 is not supported (this parity reads version 1)"},
		{name: "missing schema_version", content: withField("schema_version", nil), want: "no schema_version: not a parity snapshot"},
		{name: "schema_version null", content: withField("schema_version", json.RawMessage("null")), want: "no schema_version: not a parity snapshot"},
		{name: "future version with other field types", content: []byte(`{"schema_version":2,"environment":{"name":"staging"},"regions":"all"}`), want: "schema_version 2 is not supported"},
		{name: "schema_version as string", content: withField("schema_version", "1"), want: "field schema_version: want int, got JSON string"},
		{name: "empty environment", content: withField("environment", ""), want: "environment is empty"},
		{name: "blank environment", content: withField("environment", "  "), want: "environment is empty"},
		{name: "missing environment", content: withField("environment", nil), want: "environment is empty"},
		{name: "short account id", content: withField("account_id", "12345"), want: `account_id "12345" is not a 12-digit AWS account id`},
		{name: "account id with letters", content: withField("account_id", "11111111111a"), want: "is not a 12-digit AWS account id"},
		{name: "bad coverage status", content: withField("coverage", []map[string]any{{"service": "iam", "region": "global", "status": "partial"}}), want: `coverage[0]: unknown status "partial"`},
		{name: "regions not a list", content: withField("regions", "us-east-1"), want: "field regions: want []string, got JSON string"},
		{name: "trust policy bad URL escape", content: withTrust("not a policy %zz"), want: "policy document: not JSON and not URL-encoded JSON"},
		{name: "trust policy plain words", content: withTrust("allow everyone"), want: "policy document: invalid character"},
		{name: "trust policy number", content: withTrust(42), want: `policy document: want a JSON object or string, got "42"`},
		{name: "trust policy list", content: withTrust([]any{"sts:AssumeRole"}), want: "policy document: want a JSON object or string"},
		{name: "trust policy encoded list", content: withTrust("%5B1%5D"), want: "policy document: want a JSON object"},
		{name: "trust policy cut short", content: withTrust(`{"Version":"2012-10-17"`), want: "policy document: unexpected end of JSON input"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "staging.json")
			switch {
			case tt.dir:
				if err := os.Mkdir(path, 0o755); err != nil {
					t.Fatal(err)
				}
			case tt.content != nil:
				if err := os.WriteFile(path, tt.content, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			s, err := snapshot.Load(path)
			if err == nil {
				t.Fatalf("Load succeeded with %+v, want an error containing %q", s, tt.want)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, path+": ") {
				t.Errorf("message %q does not start with the file name %q", msg, path)
			}
			if !strings.Contains(msg, tt.want) {
				t.Errorf("message %q does not contain %q", msg, tt.want)
			}
			if strings.ContainsAny(msg, "\r\n") {
				t.Errorf("message %q spans several lines", msg)
			}
		})
	}
}

// TestParseNeverReportsDocumentOffsetsAsFileOffsets pins the document.go
// fix: a syntax error inside a string-encoded document used to surface as
// "invalid JSON at byte 0" or "truncated JSON", blaming a valid file.
func TestParseNeverReportsDocumentOffsetsAsFileOffsets(t *testing.T) {
	for _, doc := range []string{"allow everyone", `{"Version":"2012-10-17"`, "%7B%22a%22%3A%7D"} {
		_, err := snapshot.Parse(withTrust(doc))
		if err == nil {
			t.Fatalf("trust policy %q: Parse succeeded", doc)
		}
		if msg := err.Error(); strings.Contains(msg, "byte") || strings.Contains(msg, "truncated") {
			t.Errorf("trust policy %q: message %q blames the file's syntax", doc, msg)
		}
	}
}

func TestLoadMinimal(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.json")
	if err := os.WriteFile(path, withField("tool_version", "test"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := snapshot.Load(path)
	if err != nil {
		t.Fatalf("minimal snapshot: %v", err)
	}
	if s.Environment != "staging" || len(s.Identity.Roles) != 1 {
		t.Errorf("got %+v", s)
	}
}
