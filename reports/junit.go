package reports

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/parity-sec/parity/policies"
	"github.com/parity-sec/parity/reports/run"
)

// JUnitWriter renders a report as JUnit XML for CI test tabs: a test suite
// per area, a test case per (rule, resource) with findings, failed when an
// unwaived finding is at or above FailOn, skipped when waived. Each area
// also has a "coverage" case that errors when the area was partly seen, so
// a partial area never shows as all green. A last suite, parity.gate, holds
// the gate verdict itself: failed for exit 1, error for exit 2 (partial
// coverage), passed for exit 0, so a CI test tab agrees with the exit code.
type JUnitWriter struct {
	// FailOn is the severity threshold; empty means the report's gate
	// threshold, or "high".
	FailOn string
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Time       string          `xml:"time,attr"`
	Timestamp  string          `xml:"timestamp,attr"`
	Properties []junitProperty `xml:"properties>property"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitOutcome `xml:"failure,omitempty"`
	Error     *junitOutcome `xml:"error,omitempty"`
	Skipped   *junitOutcome `xml:"skipped,omitempty"`
	SystemOut *junitText    `xml:"system-out,omitempty"`
}

// junitText keeps multi-line output readable: CDATA leaves newlines as
// they are, where character data would encode each one as &#xA;.
type junitText struct {
	Text string `xml:",cdata"`
}

type junitOutcome struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Text    string `xml:",cdata"`
}

// Write implements Writer.
func (j JUnitWriter) Write(ctx context.Context, w io.Writer, r *Report) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	fo := failOn(j.FailOn, r)
	threshold := policies.SeverityRank(fo)
	switch {
	case fo == "none":
		// --fail-on none: no finding fails the gate, so none fails here.
		threshold = math.MaxInt
	case threshold == 0:
		threshold = policies.SeverityRank(run.DefaultFailOn)
	}
	doc := junitSuites{Name: "parity", Time: "0"}
	partial := partialAreas(r)
	gaps := coverageGaps(r)
	isNew := newSet(r)
	byArea := map[string][]Finding{}
	for _, f := range r.Findings {
		byArea[findingArea(f)] = append(byArea[findingArea(f)], f)
	}
	for _, area := range reportAreas(r) {
		s := junitSuite{Name: "parity." + area, Time: "0", Timestamp: r.GeneratedAt.UTC().Format("2006-01-02T15:04:05")}
		sum := areaSummary(r, area)
		s.Properties = append(s.Properties, junitProperty{"paired", fmt.Sprint(sum.Paired)}, junitProperty{"changes", fmt.Sprint(sum.Changes)})
		if v, ok := areaScore(r, area); ok {
			s.Properties = append(s.Properties, junitProperty{"score", fmt.Sprint(v)})
		}
		s.Cases = append(s.Cases, coverageCase(area, partial[area], gaps))
		for _, group := range groupByRuleResource(byArea[area]) {
			s.Cases = append(s.Cases, findingCase(group, threshold, isNew))
		}
		doc.add(s)
	}
	if r.Gate != nil {
		doc.add(gateSuite(r))
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("encode junit report: %w", err)
	}
	buf.WriteByte('\n')
	_, err := w.Write(buf.Bytes())
	return err
}

// add appends a suite, counting its cases into the suite and the document.
func (doc *junitSuites) add(s junitSuite) {
	for _, c := range s.Cases {
		s.Tests++
		switch {
		case c.Failure != nil:
			s.Failures++
		case c.Error != nil:
			s.Errors++
		case c.Skipped != nil:
			s.Skipped++
		}
	}
	doc.Tests += s.Tests
	doc.Failures += s.Failures
	doc.Errors += s.Errors
	doc.Skipped += s.Skipped
	doc.Suites = append(doc.Suites, s)
}

// gateSuite is the gate verdict as one test case.
func gateSuite(r *Report) junitSuite {
	g := r.Gate
	s := junitSuite{Name: "parity.gate", Time: "0", Timestamp: r.GeneratedAt.UTC().Format("2006-01-02T15:04:05"),
		Properties: []junitProperty{
			{"verdict", gateVerdictWord(g)},
			{"exit_code", fmt.Sprint(run.ExitCode(g))},
			{"fail_on", g.FailOn},
			{"min_score", fmt.Sprint(g.MinScore)},
		}}
	c := junitCase{Name: "gate", Classname: "parity.gate", Time: "0"}
	reasons := strings.Join(g.Reasons, "\n")
	switch run.ExitCode(g) {
	case run.ExitPartial:
		c.Error = &junitOutcome{Message: xmlSafe(firstLine(g.Reasons)), Type: "partial", Text: xmlSafe(reasons)}
	case run.ExitGate:
		c.Failure = &junitOutcome{Message: xmlSafe(firstLine(g.Reasons)), Type: "gate", Text: xmlSafe(reasons)}
	}
	s.Cases = []junitCase{c}
	return s
}

func firstLine(reasons []string) string {
	if len(reasons) == 0 {
		return "gate failed"
	}
	return reasons[0]
}

func coverageCase(area string, partial bool, gaps []gap) junitCase {
	c := junitCase{Name: "coverage", Classname: "parity." + area, Time: "0"}
	if !partial {
		return c
	}
	var lines []string
	for _, g := range gaps {
		if g.Area == area {
			lines = append(lines, fmt.Sprintf("%s: %s in %s %s: %s", g.Env, g.Service, g.Region, g.Status, g.Message))
		}
	}
	c.Error = &junitOutcome{Message: "coverage is PARTIAL: " + area + " was not fully collected, so no finding here does not mean clean", Type: "partial_coverage", Text: xmlSafe(strings.Join(lines, "\n"))}
	return c
}

// groupByRuleResource groups sorted findings by (rule, resource), keeping
// the order; two findings of one rule on one resource are one test case.
func groupByRuleResource(fs []Finding) [][]Finding {
	idx := map[string]int{}
	var out [][]Finding
	for _, f := range fs {
		k := f.Rule + "\x00" + f.Resource
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], f)
	}
	return out
}

func findingCase(group []Finding, threshold int, isNew map[string]bool) junitCase {
	c := junitCase{Name: group[0].Resource, Classname: group[0].Rule, Time: "0"}
	var failing, open, waived []Finding
	for _, f := range group {
		switch {
		case f.Waived:
			waived = append(waived, f)
		case policies.SeverityRank(f.Severity) >= threshold:
			failing = append(failing, f)
		default:
			open = append(open, f)
		}
	}
	switch {
	case len(failing) > 0:
		c.Failure = &junitOutcome{Message: messages(failing), Type: failing[0].Severity, Text: xmlSafe(details(group, isNew))}
	case len(open) > 0:
		// Below the threshold: the case passes, and the finding stays visible.
		c.SystemOut = &junitText{xmlSafe(details(group, isNew))}
	default:
		c.Skipped = &junitOutcome{Message: waivedNote(waived[0]), Text: xmlSafe(details(group, isNew))}
	}
	return c
}

// xmlSafe replaces what XML 1.0 cannot carry (invalid UTF-8, control
// characters other than tab and newlines) with U+FFFD. encoding/xml does
// this for attributes and character data but passes CDATA through as is.
func xmlSafe(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return r
		case r < 0x20, r == 0xFFFE, r == 0xFFFF:
			return utf8.RuneError
		}
		return r
	}, s)
}

func messages(fs []Finding) string {
	ms := make([]string, len(fs))
	for i, f := range fs {
		ms[i] = f.Severity + ": " + f.Message
	}
	return strings.Join(ms, "; ")
}

// details is the body of a test case: each finding with its evidence.
func details(fs []Finding, isNew map[string]bool) string {
	var b strings.Builder
	for i, f := range fs {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "[%s] %s (%s)\n%s\nresource: %s\nstaging: %s\nproduction: %s\n", f.Severity, f.Title, f.ID, f.Message,
			namesText(f.Names), compactValue("", f.Staging), compactValue("", f.Production))
		if isNew[f.ID] {
			b.WriteString("new since the previous run\n")
		}
		if f.Waived {
			fmt.Fprintf(&b, "%s\n", waivedNote(f))
		}
		if f.Remediation != "" {
			fmt.Fprintf(&b, "remediation: %s\n", f.Remediation)
		}
	}
	return b.String()
}
