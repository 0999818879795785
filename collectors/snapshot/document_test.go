package snapshot_test

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parity-sec/parity/collectors/snapshot"
)

const trustJSON = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"a b+c&d"}}}]}`

// TestDocumentForms checks that the three spellings a snapshot may use for
// a policy document load to the same Document.
func TestDocumentForms(t *testing.T) {
	asString, _ := json.Marshal(trustJSON)
	// IAM encodes per RFC 3986 (space as %20, '+' as %2B); url.QueryEscape
	// writes spaces as '+'. Both must load.
	rfc3986, _ := json.Marshal(iamEscape(trustJSON))
	queryEncoded, _ := json.Marshal(url.QueryEscape(trustJSON))
	indented := []byte("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::111111111111:root\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": {\"StringEquals\": {\"sts:ExternalId\": \"a b+c&d\"}}}]\n}")
	tests := []struct {
		name string
		raw  []byte
	}{
		{"object", []byte(trustJSON)},
		{"indented object", indented},
		{"string", asString},
		{"string with surrounding space", []byte(`"  ` + string(asString[1:len(asString)-1]) + `  "`)},
		{"URL-encoded string, %20 spaces", rfc3986},
		{"URL-encoded string, + spaces", queryEncoded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d snapshot.Document
			if err := json.Unmarshal(tt.raw, &d); err != nil {
				t.Fatalf("unmarshal %s: %v", tt.raw, err)
			}
			if diff := cmp.Diff(snapshot.Document(trustJSON), d); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestDocumentEmpty(t *testing.T) {
	for _, raw := range []string{`null`, `""`, `"   "`} {
		var d snapshot.Document = "stale"
		if err := json.Unmarshal([]byte(raw), &d); err != nil {
			t.Fatalf("unmarshal %s: %v", raw, err)
		}
		if d != "" {
			t.Errorf("unmarshal %s: got %q, want an empty document", raw, d)
		}
	}
	b, err := json.Marshal(struct {
		D snapshot.Document `json:"d"`
	}{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(`{"d":null}`, string(b)); diff != "" {
		t.Errorf("empty document marshals wrong (-want +got):\n%s", diff)
	}
}

// iamEscape encodes like the IAM API: RFC 3986, every reserved byte as %XX.
func iamEscape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

// TestDocumentMarshalsAsObject keeps snapshot files readable: a document
// is written as an object, however it was read, and reads back the same.
func TestDocumentMarshalsAsObject(t *testing.T) {
	var d snapshot.Document
	if err := json.Unmarshal([]byte(`"`+iamEscape(trustJSON)+`"`), &d); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := snapshot.Encode(&buf, &snapshot.Snapshot{Identity: snapshot.Identity{Policies: []snapshot.ManagedPolicy{{Name: "p", Document: d}}}}); err != nil {
		t.Fatal(err)
	}
	var file struct {
		Identity struct {
			Policies []struct {
				Document json.RawMessage `json:"document"`
			} `json:"policies"`
		} `json:"identity"`
	}
	if err := json.Unmarshal(buf.Bytes(), &file); err != nil {
		t.Fatal(err)
	}
	var written bytes.Buffer
	if err := json.Compact(&written, file.Identity.Policies[0].Document); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(trustJSON, written.String()); diff != "" {
		t.Errorf("document not written as the JSON object (-want +got):\n%s", diff)
	}
	var back snapshot.Document
	if err := json.Unmarshal([]byte(trustJSON), &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(d, back); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestDecodeDocumentErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"%zz", `policy document: not JSON and not URL-encoded JSON: invalid URL escape "%zz"`},
		{"[1,2]", "policy document: want a JSON object"},
		{"%5B%5D", "policy document: want a JSON object"},
		{`"quoted"`, "policy document: want a JSON object"},
		{`{"a":`, "policy document: unexpected end of JSON input"},
		{"hello", "policy document: invalid character 'h' looking for beginning of value"},
	}
	for _, tt := range tests {
		_, err := snapshot.DecodeDocument(tt.in)
		if err == nil {
			t.Errorf("DecodeDocument(%q) succeeded, want %q", tt.in, tt.want)
			continue
		}
		if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
			t.Errorf("DecodeDocument(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

// TestEncodeParseRoundTrip writes each example snapshot and reads it back.
func TestEncodeParseRoundTrip(t *testing.T) {
	for _, env := range []string{"staging", "production"} {
		t.Run(env, func(t *testing.T) {
			want := loadExample(t, env)
			var buf bytes.Buffer
			if err := snapshot.Encode(&buf, want); err != nil {
				t.Fatal(err)
			}
			got, err := snapshot.Parse(buf.Bytes())
			if err != nil {
				t.Fatalf("parse encoded %s: %v", env, err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("round trip changed the snapshot (-want +got):\n%s", diff)
			}
			// Encoding is deterministic: a second pass gives the same bytes.
			var again bytes.Buffer
			if err := snapshot.Encode(&again, got); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(buf.String(), again.String()); diff != "" {
				t.Errorf("re-encoding changed the bytes (-first +second):\n%s", diff)
			}
		})
	}
}
