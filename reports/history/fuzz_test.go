package history

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/parity-sec/parity/reports/run"
)

// FuzzParseReport feeds report.json bytes as a damaged or hostile history
// could hold them. ParseReport must never panic; what it accepts must be
// usable downstream (summarized, compared) and survive a save round trip.
func FuzzParseReport(f *testing.F) {
	r := report(77, "a", "b!")
	r.Gate = &run.Gate{Passed: false, FailOn: "high", Reasons: []string{"a"}}
	valid, err := json.Marshal(r)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(valid)
	f.Add(valid[:len(valid)/2])
	for _, s := range []string{
		"", " ", "null", "[]", "{}", `{"schema_version":1}`, `{"schema_version":2}`,
		`{"schema_version":"1"}`, `{"schema_version":1,"findings":[{"id":""}]}`,
		`{"schema_version":1,"score":{"overall":-1}}`, `{"schema_version":1,"findings":[{"id":"x","staging":{"a":[1,2,{"b":null}]}}]}`,
		`{"schema_version":1,"generated_at":"not a time"}`, `{"schema_version":1}{"schema_version":1}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ParseReport(data)
		if err != nil {
			if r != nil {
				t.Fatalf("error %v with a report", err)
			}
			return
		}
		info := infoFrom("20261123T021500Z", runKey{time: t0}, r)
		if info.Findings != len(r.Findings) || info.Unwaived > info.Findings {
			t.Fatalf("inconsistent summary %+v", info)
		}
		h := Compare(r, info, r, []RunInfo{info})
		if len(h.New) != 0 || len(h.Resolved) != 0 {
			t.Fatalf("a report compared with itself has changes: %+v", h)
		}
		again, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("accepted report does not marshal: %v", err)
		}
		back, err := ParseReport(again)
		if err != nil {
			t.Fatalf("accepted report does not parse after a round trip: %v", err)
		}
		if d := cmp.Diff(infoFrom("x", runKey{}, r), infoFrom("x", runKey{}, back)); d != "" {
			t.Fatalf("round trip changed the summary (-first +second):\n%s", d)
		}
	})
}

// FuzzParseName checks that a run directory name, any name a file system
// may hold, parses only in the one form Save writes.
func FuzzParseName(f *testing.F) {
	for _, s := range []string{"20261123T021500Z", "20261123T021500Z-001", "20261123T021500Z-1000", "20261123T021500Z-0001", "notes", "20261323T021500Z", "00000101T000000Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		k, err := parseName(name)
		if err != nil {
			return
		}
		if got := formatName(k.time, k.seq); got != name {
			t.Fatalf("parseName(%q) formats back as %q", name, got)
		}
		if compareNames(name, name) != 0 {
			t.Fatalf("%q does not compare equal to itself", name)
		}
	})
}
