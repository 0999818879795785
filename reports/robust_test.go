package reports

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/parity-sec/parity/diff"
	"github.com/parity-sec/parity/policies"
)

// hostileReport puts text from AWS (names, messages) and evidence values
// into every place a writer prints them.
func hostileReport(text, resource string, evidence any) *Report {
	r := emptyReport()
	r.Findings = wrapF([]policies.Finding{{ID: "id-" + text, Rule: "network." + text, Title: text, Category: "network", Severity: "critical",
		Resource: resource, Message: text, Staging: evidence, Production: text, Remediation: text}})
	r.Changes = wrapC([]diff.Change{{Action: diff.Changed, Area: "network", Kind: "security_group", Resource: resource, Path: text, Staging: evidence, Production: text}})
	r.Waivers = []WaiverProblem{{Problem: "stale", Rule: text, Resource: resource, Owner: text, Reason: text, Expires: text}}
	r.Gate = &Gate{Passed: false, FailOn: "high", Reasons: []string{text}}
	return r
}

// checkStructure verifies that text cannot change the structure of any
// format: JSON and SARIF stay JSON, JUnit stays XML, HTML keeps its one
// script, and a markdown table keeps one line per row.
func checkStructure(t *testing.T, text, resource string, evidence any) {
	t.Helper()
	r := hostileReport(text, resource, evidence)
	out := map[string][]byte{}
	for _, f := range Formats {
		w, err := New(f, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := w.Write(context.Background(), &buf, r); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[f] = buf.Bytes()
	}
	for _, f := range []string{FormatJSON, FormatSARIF} {
		if !json.Valid(out[f]) {
			t.Errorf("%s output is not valid JSON for text %q", f, text)
		}
	}
	dec := xml.NewDecoder(bytes.NewReader(out[FormatJUnit]))
	for {
		_, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("junit output is not XML for text %q: %v", text, err)
		}
	}
	if n := strings.Count(strings.ToLower(string(out[FormatHTML])), "<script"); n != 1 {
		t.Errorf("html has %d <script> tags for text %q, want 1", n, text)
	}
	base := hostileReport("x", "security_group/eu-west-1/x", "x")
	var md bytes.Buffer
	if err := (MarkdownWriter{}).Write(context.Background(), &md, base); err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Count(string(out[FormatMarkdown]), "\n"), strings.Count(md.String(), "\n"); got != want {
		t.Errorf("markdown has %d lines for text %q, want %d as for plain text", got, text, want)
	}
}

func TestHostileText(t *testing.T) {
	for _, text := range []string{
		`<script>alert(1)</script>`,
		"a | b\nc\r\nd",
		"]]> <![CDATA[ & \"' `code`",
		"bad utf8 \xff\xfe and control \x00\x01\x1b[31m",
		"</details><details open>",
		"${env} ${peer_account} *_[]()#",
	} {
		t.Run(fmt.Sprintf("%.12q", text), func(t *testing.T) {
			checkStructure(t, text, "security_group/eu-west-1/"+text, map[string]any{"k": text, "n": []any{text, 1.5, true, nil}})
		})
	}
}

func FuzzWriters(f *testing.F) {
	f.Add("plain", "security_group/eu-west-1/a", []byte(`{"protocol":"tcp","from_port":22,"to_port":22,"source":"0.0.0.0/0"}`))
	f.Add("a|b\n<i>", "iam_role/global/${env}", []byte(`[{"effect":"Allow","action":"*","resource":"*"}]`))
	f.Add("]]>\x00", "x", []byte(`"s"`))
	f.Fuzz(func(t *testing.T, text, resource string, evidence []byte) {
		var v any
		if json.Unmarshal(evidence, &v) != nil {
			v = string(evidence)
		}
		checkStructure(t, text, resource, v)
	})
}

// BenchmarkWriters renders a large run: 5k findings and 20k changes.
func BenchmarkWriters(b *testing.B) {
	r := emptyReport()
	for i := range 5000 {
		r.Findings = append(r.Findings, Finding{Finding: policies.Finding{ID: fmt.Sprintf("%08x", i), Rule: "network.open_ingress", Title: "open", Category: "network",
			Severity: policies.Severities[i%5], Resource: fmt.Sprintf("security_group/eu-west-1/sg-%d", i), Message: "production admits tcp 22 from 0.0.0.0/0",
			Production: map[string]any{"protocol": "tcp", "from_port": 22, "to_port": 22, "source": "0.0.0.0/0"}}})
	}
	for i := range 20000 {
		r.Changes = append(r.Changes, Change{Change: diff.Change{Action: diff.OnlyProduction, Area: "network", Kind: "security_group", Resource: fmt.Sprintf("security_group/eu-west-1/sg-%d", i%3000),
			Path: "ingress", Production: map[string]any{"protocol": "tcp", "from_port": i % 65535, "to_port": i % 65535, "source": "10.0.0.0/8"}}})
	}
	for _, f := range Formats {
		b.Run(f, func(b *testing.B) {
			w, _ := New(f, Options{})
			for b.Loop() {
				if err := w.Write(context.Background(), io.Discard, r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
