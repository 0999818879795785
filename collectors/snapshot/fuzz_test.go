package snapshot_test

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/parity-sec/parity/collectors/snapshot"
)

// Seed corpora live in testdata/fuzz/FuzzParse and
// testdata/fuzz/FuzzDecodeDocument; they start from the example snapshots
// and the policy spellings IAM produces.

// FuzzParse: Parse must never panic, must fail with one line, and whatever
// it accepts must survive Encode then Parse unchanged.
func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"schema_version":1,"environment":"staging"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := snapshot.Parse(data)
		if err != nil {
			if strings.ContainsAny(err.Error(), "\r\n") {
				t.Fatalf("error spans several lines: %q", err)
			}
			return
		}
		var buf bytes.Buffer
		if err := snapshot.Encode(&buf, s); err != nil {
			t.Fatalf("encode an accepted snapshot: %v", err)
		}
		back, err := snapshot.Parse(buf.Bytes())
		if err != nil {
			t.Fatalf("parse what Encode wrote: %v\n%s", err, buf.Bytes())
		}
		// omitempty writes an empty list as nothing: empty and nil are one value.
		if diff := cmp.Diff(s, back, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("Encode->Parse changed the snapshot (-parsed +round-tripped):\n%s", diff)
		}
	})
}

// FuzzDecodeDocument: DecodeDocument must never panic; what it accepts is
// a compact JSON object, a fixed point of DecodeDocument, and loads the
// same from every spelling a snapshot may use.
func FuzzDecodeDocument(f *testing.F) {
	f.Add(`{"Version":"2012-10-17","Statement":[]}`)
	f.Fuzz(func(t *testing.T, in string) {
		d, err := snapshot.DecodeDocument(in)
		if err != nil {
			if strings.ContainsAny(err.Error(), "\r\n") {
				t.Fatalf("error spans several lines: %q", err)
			}
			return
		}
		if d == "" {
			if strings.TrimSpace(in) != "" {
				t.Fatalf("non-blank input %q decoded to an empty document", in)
			}
			return
		}
		if !json.Valid([]byte(d)) || d[0] != '{' {
			t.Fatalf("decoded %q is not a JSON object", d)
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, []byte(d)); err != nil || compact.String() != string(d) {
			t.Fatalf("decoded %q is not compact", d)
		}
		spellings := map[string]string{
			"decoded":       string(d),
			"IAM-encoded":   strings.ReplaceAll(url.QueryEscape(string(d)), "+", "%20"),
			"query-encoded": url.QueryEscape(string(d)),
			"padded":        " \n" + string(d) + "\t",
		}
		for name, s := range spellings {
			again, err := snapshot.DecodeDocument(s)
			if err != nil {
				t.Fatalf("%s spelling %q of %q: %v", name, s, d, err)
			}
			if again != d {
				t.Fatalf("%s spelling of %q decoded to %q", name, d, again)
			}
		}
		// Through the JSON layer: as an object, and as a string unless the
		// text is invalid UTF-8, which json.Marshal itself replaces.
		raws := [][]byte{[]byte(d)}
		if utf8.ValidString(string(d)) {
			raws = append(raws, mustMarshal(t, string(d)))
		}
		for _, raw := range raws {
			var got snapshot.Document
			if err := json.Unmarshal(raw, &got); err != nil {
				t.Fatalf("unmarshal %s: %v", raw, err)
			}
			if got != d {
				t.Fatalf("unmarshal %s gave %q, want %q", raw, got, d)
			}
		}
	})
}

func mustMarshal(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
