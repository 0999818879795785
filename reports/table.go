package reports

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/parity-sec/parity/diff"
	"github.com/parity-sec/parity/policies"
)

// Column limits for the terminal: messages wrap, values are cut in the
// middle, so a row stays readable in a 160-column terminal.
const (
	tableValueWidth   = 150
	tableMessageWidth = 56
)

// TableWriter renders a report for a person at a terminal: findings by area
// and severity, changes by area, coverage gaps, a summary line, and when the
// gate failed a last line that says why.
type TableWriter struct {
	// Color adds ANSI colour; the caller sets it only for a terminal
	// without NO_COLOR.
	Color bool
}

// Write implements Writer.
func (t TableWriter) Write(ctx context.Context, w io.Writer, r *Report) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	var b bytes.Buffer
	p := &tablePrinter{w: &b, color: t.Color}
	p.header(r)
	if err := p.findings(r); err != nil {
		return err
	}
	if err := p.changes(r); err != nil {
		return err
	}
	if err := p.waiverProblems(r); err != nil {
		return err
	}
	p.coverage(r)
	p.history(r)
	p.summary(r)
	_, err := w.Write(b.Bytes())
	return err
}

type tablePrinter struct {
	w     *bytes.Buffer
	color bool
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

func (p *tablePrinter) paint(code, s string) string {
	if !p.color || s == "" {
		return s
	}
	return code + s + ansiReset
}

func (p *tablePrinter) severity(s string) string {
	codes := map[string]string{
		policies.SeverityCritical: ansiBRed, policies.SeverityHigh: ansiRed,
		policies.SeverityMedium: ansiYellow, policies.SeverityLow: ansiCyan, policies.SeverityInfo: ansiDim,
	}
	return p.paint(codes[s], strings.ToUpper(s))
}

func (p *tablePrinter) heading(s string) {
	fmt.Fprintf(p.w, "\n%s\n", p.paint(ansiBold, s))
}

func (p *tablePrinter) header(r *Report) {
	fmt.Fprintf(p.w, "%s: %s (%s) vs %s (%s)\n", p.paint(ansiBold, "parity"),
		r.Staging.Name, r.Staging.AccountID, r.Production.Name, r.Production.AccountID)
	fmt.Fprintf(p.w, "generated %s by parity %s\n", r.GeneratedAt.UTC().Format("2006-01-02T15:04:05Z"), orDash(r.ToolVersion))
}

// newTable returns a table with the house settings. East Asian width is
// pinned off so the same report has the same bytes under any locale.
func (p *tablePrinter) newTable(header ...string) *tablewriter.Table {
	return tablewriter.NewTable(p.w,
		tablewriter.WithHeader(header),
		tablewriter.WithHeaderAutoFormat(tw.On),
		tablewriter.WithRowAutoWrap(tw.WrapNormal),
		tablewriter.WithRowMaxWidth(tableMessageWidth),
		tablewriter.WithEastAsian(tw.Off),
		tablewriter.WithTrimSpace(tw.Off),
	)
}

func (p *tablePrinter) findings(r *Report) error {
	partial := partialAreas(r)
	isNew := newSet(r)
	byArea := map[string][]Finding{}
	for _, f := range r.Findings {
		byArea[findingArea(f)] = append(byArea[findingArea(f)], f)
	}
	for _, area := range reportAreas(r) {
		title := "FINDINGS: " + strings.ToUpper(area)
		if score, ok := areaScore(r, area); ok {
			title += fmt.Sprintf(" (score %d)", score)
		}
		if partial[area] {
			title += " " + p.paint(ansiYellow, "[PARTIAL coverage]")
		}
		p.heading(title)
		fs := byArea[area]
		if len(fs) == 0 {
			if partial[area] {
				fmt.Fprintln(p.w, p.paint(ansiYellow, "no findings in what was seen; coverage is PARTIAL, so this area is not known to be clean"))
			} else {
				fmt.Fprintln(p.w, "no findings")
			}
			continue
		}
		t := p.newTable("Severity", "Rule", "Resource", "Message", "Status")
		for _, f := range fs {
			status := ""
			if isNew[f.ID] {
				status = "new"
			}
			if f.Waived {
				status = strings.TrimSpace(status + " " + waivedNote(f))
			}
			if err := t.Append(p.severity(f.Severity), f.Rule, f.Resource, f.Message, status); err != nil {
				return fmt.Errorf("table findings: %w", err)
			}
		}
		if err := t.Render(); err != nil {
			return fmt.Errorf("table findings: %w", err)
		}
	}
	return nil
}

// waivedNote says who waived a finding, why, and until when.
func waivedNote(f Finding) string {
	if f.Waiver == nil {
		return "waived"
	}
	return fmt.Sprintf("waived by %s until %s: %s", f.Waiver.Owner, f.Waiver.Expires.Format("2006-01-02"), f.Waiver.Reason)
}

// actionSymbol marks a change as terraform marks plan actions.
func actionSymbol(a diff.Action, r *Report) string {
	switch a {
	case diff.OnlyStaging:
		return "- " + actionLabel(a, r)
	case diff.OnlyProduction:
		return "+ " + actionLabel(a, r)
	}
	return "~ " + actionLabel(a, r)
}

func (p *tablePrinter) changes(r *Report) error {
	byArea := map[string][]Change{}
	for _, c := range r.Changes {
		byArea[changeArea(c)] = append(byArea[changeArea(c)], c)
	}
	for _, area := range reportAreas(r) {
		cs := byArea[area]
		if len(cs) == 0 {
			continue
		}
		p.heading("CHANGES: " + strings.ToUpper(area))
		t := p.newTable("Action", "Resource", "Path", r.Staging.Name, r.Production.Name)
		for _, row := range foldChanges(cs) {
			st, pr := rowValues(row, tableValueWidth)
			if err := t.Append(actionSymbol(row.Action, r), row.Resource, orDash(row.Path), st, pr); err != nil {
				return fmt.Errorf("table changes: %w", err)
			}
		}
		if err := t.Render(); err != nil {
			return fmt.Errorf("table changes: %w", err)
		}
	}
	return nil
}

func (p *tablePrinter) waiverProblems(r *Report) error {
	if len(r.Waivers) == 0 {
		return nil
	}
	p.heading("WAIVER PROBLEMS")
	t := p.newTable("Problem", "Rule", "Resource", "Owner", "Expires", "Reason")
	for _, wp := range r.Waivers {
		if err := t.Append(p.paint(ansiYellow, wp.Problem), wp.Rule, wp.Resource, wp.Owner, wp.Expires, wp.Reason); err != nil {
			return fmt.Errorf("table waivers: %w", err)
		}
	}
	if err := t.Render(); err != nil {
		return fmt.Errorf("table waivers: %w", err)
	}
	return nil
}

func (p *tablePrinter) coverage(r *Report) {
	gaps := coverageGaps(r)
	partial := partialAreas(r)
	if len(gaps) == 0 && len(partial) == 0 {
		return
	}
	p.heading("COVERAGE GAPS")
	for _, area := range reportAreas(r) {
		if partial[area] {
			fmt.Fprintf(p.w, "%s %s\n", p.paint(ansiYellow, "PARTIAL"), area)
		}
	}
	for _, g := range gaps {
		fmt.Fprintf(p.w, "  %s: %s in %s %s", g.Env, g.Service, g.Region, g.Status)
		if g.Message != "" {
			fmt.Fprintf(p.w, ": %s", truncate(g.Message, 120))
		}
		fmt.Fprintln(p.w)
	}
}

func (p *tablePrinter) history(r *Report) {
	h := r.History
	if h == nil {
		return
	}
	p.heading("SINCE PREVIOUS RUN")
	fmt.Fprintf(p.w, "%d new, %d resolved, %d persisting since %s\n", len(h.New), len(h.Resolved), len(h.Persisting), orDash(h.PreviousRun))
	for _, f := range h.Resolved {
		fmt.Fprintf(p.w, "  resolved: %s %s on %s\n", f.Severity, f.Rule, f.Resource)
	}
	if len(h.Trend) > 0 {
		scores := make([]string, len(h.Trend))
		for i, tp := range h.Trend {
			scores[i] = fmt.Sprint(tp.Overall)
		}
		fmt.Fprintf(p.w, "score trend: %s\n", strings.Join(scores, " → "))
	}
}

// summary prints the scores and the verdict; when the gate failed, the
// reasons come last so a CI log's final line says why.
func (p *tablePrinter) summary(r *Report) {
	fmt.Fprintln(p.w)
	fmt.Fprintln(p.w, summaryLine(r, p.paint))
	if r.Gate != nil && !r.Gate.Passed {
		reasons := strings.Join(r.Gate.Reasons, "; ")
		if reasons == "" {
			reasons = "no reason given"
		}
		fmt.Fprintln(p.w, p.paint(ansiRed, "gate failed: "+reasons))
	}
}

// summaryLine is the one-line verdict shared by table and markdown.
func summaryLine(r *Report, paint func(code, s string) string) string {
	var parts []string
	if r.Score != nil {
		areas := make([]string, 0, len(r.Score.Areas))
		for _, a := range reportAreas(r) {
			if v, ok := r.Score.Areas[a]; ok {
				areas = append(areas, fmt.Sprintf("%s %d", a, v))
			}
		}
		parts = append(parts, fmt.Sprintf("score %d/100 (%s)", r.Score.Overall, strings.Join(areas, ", ")))
	}
	waived := countWaived(r.Findings)
	parts = append(parts, fmt.Sprintf("%d findings (%d waived), %d changes", len(r.Findings), waived, len(r.Changes)))
	var partial []string
	for _, a := range reportAreas(r) {
		if partialAreas(r)[a] {
			partial = append(partial, a)
		}
	}
	if len(partial) > 0 {
		parts = append(parts, paint(ansiYellow, "PARTIAL: "+strings.Join(partial, ", ")))
	}
	parts = append(parts, gateVerdict(r, paint))
	return strings.Join(parts, " · ")
}

func gateVerdict(r *Report, paint func(code, s string) string) string {
	g := r.Gate
	if g == nil {
		return "gate not evaluated"
	}
	cond := "fail-on " + g.FailOn
	if g.MinScore > 0 {
		cond += fmt.Sprintf(", min-score %d", g.MinScore)
	}
	if g.Passed {
		return paint(ansiGreen, "gate PASSED") + " (" + cond + ")"
	}
	return paint(ansiRed, "gate FAILED") + " (" + cond + ")"
}

func orDash(s string) string {
	if s == "" {
		return absent
	}
	return s
}
