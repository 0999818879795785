package reports

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/parity-sec/parity/diff"
	"github.com/parity-sec/parity/policies"
	"github.com/parity-sec/parity/reports/run"
)

// DefaultWidth is the width of the table when the caller knows no better:
// output that is not a terminal and has no COLUMNS (a CI log, a file).
const DefaultWidth = 100

// minWidth keeps the layout sane in absurdly narrow terminals; lines may
// then overflow, which beats a message cut to nothing.
const minWidth = 60

// idWidth is how much of a finding ID the list shows; parity explain
// accepts any unique prefix.
const idWidth = 8

// TableWriter renders a report for a person at a terminal: a header with
// the verdict and scores, one line per finding (most severe first, real
// names, short message), the areas with their pairing share and change
// counts, and a short last line. Every line fits Width. With Changes it
// also lists every change; parity explain shows one finding in full.
type TableWriter struct {
	// Color adds ANSI colour; the caller sets it only for a terminal
	// without NO_COLOR.
	Color bool
	// Width is the number of columns; 0 means DefaultWidth.
	Width int
	// Changes lists every change instead of counts per area.
	Changes bool
}

// Write implements Writer.
func (t TableWriter) Write(ctx context.Context, w io.Writer, r *Report) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	width := t.Width
	if width <= 0 {
		width = DefaultWidth
	}
	p := &printer{color: t.Color, width: max(width, minWidth)}
	p.header(r)
	p.findings(r)
	p.areas(r)
	if t.Changes {
		p.changes(r)
	}
	p.notes(r)
	p.history(r)
	p.verdict(r)
	_, err := w.Write(p.b.Bytes())
	return err
}

// printer writes lines no wider than width. Colour is applied after a
// line is fitted, so escape codes never count toward the width.
type printer struct {
	b     bytes.Buffer
	color bool
	width int
}

// ANSI SGR codes; kept to the 8 basic colours every terminal has.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiBRed   = "\x1b[1;31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
	ansiDim    = "\x1b[2m"
)

func (p *printer) paint(code, s string) string {
	if !p.color || s == "" || code == "" {
		return s
	}
	return code + s + ansiReset
}

// line writes one line, cut at the end to the width, in one colour.
func (p *printer) line(code, s string) {
	p.b.WriteString(p.paint(code, cutEnd(s, p.width)))
	p.b.WriteByte('\n')
}

func (p *printer) blank() { p.b.WriteByte('\n') }

// wrap writes s over as many lines as it needs, breaking at spaces, the
// lines after the first indented by two; a word longer than a line is cut.
// For sentences that must be read whole: warnings and the gate's reasons.
func (p *printer) wrap(code, s string) {
	const indent = "  "
	line := ""
	for _, w := range strings.Fields(s) {
		switch {
		case line == "":
			line = w
		case runeLen(line)+1+runeLen(w) <= p.width:
			line += " " + w
		case strings.HasPrefix(w, "::") && strings.LastIndex(line, " ") > runeLen(indent):
			// A CI log reads "::" at a line's start as a workflow command
			// (::error, ::add-mask): take the word before along.
			i := strings.LastIndex(line, " ")
			p.line(code, line[:i])
			line = indent + line[i+1:] + " " + w
		default:
			p.line(code, line)
			line = indent + w
		}
	}
	if line != "" {
		p.line(code, line)
	}
}

var severityColor = map[string]string{
	policies.SeverityCritical: ansiBRed, policies.SeverityHigh: ansiRed,
	policies.SeverityMedium: ansiYellow, policies.SeverityLow: ansiCyan, policies.SeverityInfo: ansiDim,
}

// severityShort fits a severity in four columns.
var severityShort = map[string]string{
	policies.SeverityCritical: "CRIT", policies.SeverityHigh: "HIGH",
	policies.SeverityMedium: "MED", policies.SeverityLow: "LOW", policies.SeverityInfo: "INFO",
}

// shortID is the prefix of a finding ID the list shows.
func shortID(id string) string {
	if len(id) > idWidth {
		return id[:idWidth]
	}
	return padRight(id, idWidth)
}

func (p *printer) header(r *Report) {
	p.line(ansiBold, fmt.Sprintf("parity: %s (%s) vs %s (%s)", shown(r.Staging.Name), shown(r.Staging.AccountID), shown(r.Production.Name), shown(r.Production.AccountID)))
	code := ansiGreen
	if r.Gate != nil && !r.Gate.Passed {
		code = ansiRed
	}
	head := "gate " + strings.ToUpper(gateVerdictWord(r.Gate))
	if r.Gate != nil {
		head += " " + shown(gateCondition(r.Gate))
	}
	if r.Score != nil {
		head += fmt.Sprintf(" · parity score %d/100 (per area below)", r.Score.Overall)
	}
	p.line(code, head)
	p.line(ansiDim, fmt.Sprintf("generated %s by parity %s", r.GeneratedAt.UTC().Format("2006-01-02T15:04:05Z"), shown(orDash(r.ToolVersion))))
}

// findings prints one line per finding, most severe first:
// SEVERITY AREA ID NAME MESSAGE, with the name and message cut to fit.
func (p *printer) findings(r *Report) {
	p.blank()
	fs := run.BySeverity(r.Findings)
	p.line(ansiBold, fmt.Sprintf("FINDINGS: %s · details: parity explain ID", findingCounts(fs)))
	isNew := newSet(r)
	// The message keeps at least half the line; the name takes what it
	// needs up to 30% of it.
	const fixed = 4 + 1 + 8 + 1 + idWidth + 1 + 2
	nameWidth := min(p.width*3/10, p.width*55/100-fixed)
	longest := 0
	for _, f := range fs {
		longest = max(longest, runeLen(shown(f.Names.Compact(f.Resource))))
	}
	nameWidth = min(nameWidth, longest)
	for _, f := range fs {
		var tags []string
		if isNew[f.ID] {
			tags = append(tags, "[new]")
		}
		if f.Waived {
			tags = append(tags, "[waived]")
		}
		if len(f.ExpiredWaivers) > 0 {
			tags = append(tags, "[waiver expired]")
		}
		msg := strings.TrimSpace(strings.Join(tags, " ") + " " + shown(f.Message))
		name := padRight(fitName(f.Names, f.Resource, f.Message, nameWidth), nameWidth)
		sev := severityShort[f.Severity]
		if sev == "" {
			sev = cutEnd(shown(f.Severity), 4)
		}
		sev = padRight(sev, 4)
		prefix := fmt.Sprintf("%s %-8s %s %s  ", sev, shown(findingArea(f)), shortID(shown(f.ID)), name)
		rest := cutEnd(msg, p.width-runeLen(prefix))
		code := severityColor[f.Severity]
		if f.Waived {
			code = ansiDim
		}
		p.b.WriteString(p.paint(code, sev) + strings.TrimPrefix(prefix, sev) + rest + "\n")
	}
	for _, a := range reportAreas(r) {
		if partialAreas(r)[a] {
			p.line(ansiYellow, fmt.Sprintf("%s: [PARTIAL coverage] findings are only of what was seen; this area is not known to be clean", shown(a)))
		}
	}
}

// fitName picks the real name that fits n columns: both sides' names
// ("payments-deploy-{staging,production}"), else the name on the side the
// message talks about (cut in the middle if need be), else the production
// name, else the staging one, else both cut in the middle.
func fitName(names Names, key, msg string, n int) string {
	compact := shown(names.Compact(key))
	if runeLen(compact) <= n {
		return compact
	}
	// The side the message is about, even cut: the other side's name
	// beside "production role …" would point at the wrong account.
	if subject, _, ok := names.Subject(msg); ok && subject.Name != "" {
		return cutMiddle(shown(subject.Name), n)
	}
	for _, s := range []string{shown(names.Production.Name), shown(names.Staging.Name)} {
		if s != "" && runeLen(s) <= n {
			return s
		}
	}
	return cutMiddle(compact, n)
}

// findingCounts says "22 (3 critical, 2 high, …), 1 waived".
func findingCounts(fs []Finding) string {
	if len(fs) == 0 {
		return "none"
	}
	bySev := map[string]int{}
	for _, f := range fs {
		if !f.Waived {
			bySev[f.Severity]++
		}
	}
	var parts []string
	for _, s := range policies.Severities {
		if n := bySev[s]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, s))
		}
	}
	out := fmt.Sprint(len(fs))
	if len(parts) > 0 {
		out += " (" + strings.Join(parts, ", ") + ")"
	}
	if w := countWaived(fs); w > 0 {
		out += fmt.Sprintf(", %d waived", w)
	}
	return out
}

// areas prints one line per area: score, share of resources paired, and
// the changes counted by action.
func (p *printer) areas(r *Report) {
	p.blank()
	p.line(ansiBold, fmt.Sprintf("AREAS: %s · every change: --changes", plural(len(r.Changes), "change")))
	counts := map[string]map[string]int{}
	for _, c := range r.Changes {
		a := changeArea(c)
		if counts[a] == nil {
			counts[a] = map[string]int{}
		}
		counts[a][actionLabel(c.Action, r)]++
	}
	partial := partialAreas(r)
	for _, a := range reportAreas(r) {
		s := areaSummary(r, a)
		score := absent
		if v, ok := areaScore(r, a); ok {
			score = fmt.Sprint(v)
		}
		paired := fmt.Sprintf("%d/%d paired", s.Paired, s.Total)
		if s.Total < s.Paired { // a report from before totals were kept
			paired = fmt.Sprintf("%d paired", s.Paired)
		}
		var parts []string
		for _, label := range []string{actionLabel(diff.Changed, r), actionLabel(diff.OnlyStaging, r), actionLabel(diff.OnlyProduction, r)} {
			if n := counts[a][label]; n > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", n, label))
			}
		}
		detail := strings.Join(parts, ", ")
		if detail == "" {
			detail = "no changes"
		}
		text := fmt.Sprintf("%-8s score %3s · %-14s · %s", shown(a), score, paired, shown(detail))
		code := ""
		if partial[a] {
			text += " · PARTIAL coverage"
			code = ansiYellow
		}
		p.line(code, text)
	}
}

// changes lists every change, one line each, grouped by area.
func (p *printer) changes(r *Report) {
	byArea := map[string][]Change{}
	for _, c := range r.Changes {
		byArea[changeArea(c)] = append(byArea[changeArea(c)], c)
	}
	for _, a := range reportAreas(r) {
		cs := byArea[a]
		if len(cs) == 0 {
			continue
		}
		p.blank()
		p.line(ansiBold, "CHANGES: "+strings.ToUpper(shown(a)))
		for _, row := range foldChanges(cs) {
			st, pr := rowValues(row, 4*p.width)
			name := fitName(row.Names, row.Resource, "", p.width/3)
			what := orDash(row.Path)
			var val string
			switch {
			case row.Path == "" && row.More == 0:
				what, val = "whole resource", actionLabel(row.Action, r)
			case row.Action == diff.OnlyStaging:
				val = st
			case row.Action == diff.OnlyProduction:
				val = pr
			default:
				val = st + " → " + pr
			}
			// Values wrap rather than being cut: the word that matters (an
			// action, a port) can sit anywhere in a grant.
			p.wrap("", fmt.Sprintf("  %s %s  %s: %s", actionSymbol(row.Action, r)[:1], name, shown(what), shown(val)))
		}
	}
}

// notes prints what the user should act on besides findings: pairing
// warnings, waiver problems, coverage gaps.
func (p *printer) notes(r *Report) {
	if len(r.Warnings) > 0 {
		p.blank()
		for _, w := range r.Warnings {
			p.wrap(ansiYellow, "warning: "+shown(w))
		}
	}
	if len(r.Waivers) > 0 {
		p.blank()
		p.line(ansiBold, "WAIVER PROBLEMS")
		for _, wp := range r.Waivers {
			p.line(ansiYellow, fmt.Sprintf("  %s: %s on %s (owner %s, expires %s)", shown(wp.Problem), shown(wp.Rule), shown(wp.Resource), shown(wp.Owner), shown(wp.Expires)))
		}
	}
	gaps := coverageGaps(r)
	if len(gaps) > 0 {
		p.blank()
		p.line(ansiBold, "COVERAGE GAPS")
		for _, g := range gaps {
			text := fmt.Sprintf("  %s: %s in %s %s", shown(g.Env), shown(g.Service), shown(g.Region), shown(g.Status))
			if g.Message != "" {
				text += ": " + shown(g.Message)
			}
			p.line(ansiYellow, text)
		}
	}
}

func (p *printer) history(r *Report) {
	h := r.History
	if h == nil {
		return
	}
	p.blank()
	if h.PreviousRun == "" {
		p.line(ansiBold, "HISTORY: first run kept; new, resolved and persisting findings are counted from the next run")
		return
	}
	p.line(ansiBold, fmt.Sprintf("SINCE %s: %d new, %d resolved, %d persisting", shown(h.PreviousRun), len(h.New), len(h.Resolved), len(h.Persisting)))
	for _, f := range h.Resolved {
		p.line("", fmt.Sprintf("  resolved: %s %s %s: %s", shown(f.Severity), shown(f.Rule), shown(f.Names.Compact(f.Resource)), shown(f.Message)))
	}
	if len(h.Trend) > 1 {
		scores := make([]string, len(h.Trend))
		for i, tp := range h.Trend {
			scores[i] = fmt.Sprint(tp.Overall)
		}
		p.line("", "score trend: "+strings.Join(scores, " → "))
	}
}

// verdict ends the output: the gate's reasons, one line each, then a
// short last line a CI log shows last.
func (p *printer) verdict(r *Report) {
	p.blank()
	if r.Gate != nil && !r.Gate.Passed {
		for _, why := range r.Gate.Reasons {
			p.wrap("", "why: "+shown(why))
		}
	}
	code := ansiGreen
	if r.Gate != nil && !r.Gate.Passed {
		code = ansiRed
	}
	p.line(code, SummaryLine(r))
}
