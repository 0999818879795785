package reports

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/parity-sec/parity/reports/display"
)

// markdownValueWidth bounds a value in a markdown cell; a PR comment is
// read, not searched, and the JSON report has the full value.
const markdownValueWidth = 160

// MarkdownWriter renders a report as a pull-request or merge-request
// comment: the verdict, scores and coverage first, each area's details
// folded in a <details> block.
type MarkdownWriter struct{}

// Write implements Writer.
func (MarkdownWriter) Write(ctx context.Context, w io.Writer, r *Report) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	var b bytes.Buffer
	mdSummary(&b, r)
	mdAreas(&b, r)
	mdWaivers(&b, r)
	mdHistory(&b, r)
	fmt.Fprintf(&b, "<sub>parity %s · generated %s</sub>\n", mdEscape(orDash(r.ToolVersion)), r.GeneratedAt.UTC().Format("2006-01-02T15:04:05Z"))
	_, err := w.Write(b.Bytes())
	return err
}

func mdSummary(b *bytes.Buffer, r *Report) {
	fmt.Fprintf(b, "## parity: %s vs %s\n\n", mdEscape(r.Staging.Name), mdEscape(r.Production.Name))
	switch {
	case r.Gate == nil:
		b.WriteString("**Gate: not evaluated**\n\n")
	case r.Gate.Passed:
		fmt.Fprintf(b, "**Gate: ✅ passed** %s\n\n", mdEscape(gateCondition(r.Gate)))
	default:
		fmt.Fprintf(b, "**Gate: ❌ failed** %s\n\n", mdEscape(gateCondition(r.Gate)))
		for _, reason := range r.Gate.Reasons {
			fmt.Fprintf(b, "- %s\n", mdEscape(reason))
		}
		b.WriteString("\n")
	}
	if r.Score != nil {
		fmt.Fprintf(b, "**Parity score: %d/100** · ", r.Score.Overall)
	}
	fmt.Fprintf(b, "%d findings (%d waived) · %d changes\n\n", len(r.Findings), countWaived(r.Findings), len(r.Changes))

	partial := partialAreas(r)
	b.WriteString("| Area | Score | Paired | Findings | Changes | Coverage |\n|---|--:|--:|--:|--:|---|\n")
	for _, area := range reportAreas(r) {
		s := areaSummary(r, area)
		score := absent
		if v, ok := areaScore(r, area); ok {
			score = fmt.Sprint(v)
		}
		cov := "complete"
		if partial[area] {
			cov = "⚠️ **PARTIAL**"
		}
		fmt.Fprintf(b, "| %s | %s | %d | %d | %d | %s |\n", area, score, s.Paired, s.Findings, s.Changes, cov)
	}
	b.WriteString("\n")
	for _, w := range r.Warnings {
		fmt.Fprintf(b, "> ⚠️ **Warning**: %s\n\n", mdEscape(w))
	}
	if gaps := coverageGaps(r); len(gaps) > 0 {
		b.WriteString("> ⚠️ **Coverage gaps**: areas marked PARTIAL were not fully seen, so no finding there does not mean clean.\n>\n")
		for _, g := range gaps {
			fmt.Fprintf(b, "> - %s: `%s` in %s %s", mdEscape(g.Env), mdCode(g.Service), mdEscape(g.Region), mdEscape(g.Status))
			if g.Message != "" {
				fmt.Fprintf(b, ": %s", mdEscape(truncate(g.Message, markdownValueWidth)))
			}
			b.WriteString("\n")
		}
		b.WriteString("\n")
	}
}

// gateCondition states the thresholds the gate applied.
func gateCondition(g *Gate) string {
	s := "(fail-on " + g.FailOn
	if g.MinScore > 0 {
		s += fmt.Sprintf(", min-score %d", g.MinScore)
	}
	return s + ")"
}

func mdAreas(b *bytes.Buffer, r *Report) {
	isNew := newSet(r)
	findings := map[string][]Finding{}
	for _, f := range r.Findings {
		findings[findingArea(f)] = append(findings[findingArea(f)], f)
	}
	changes := map[string][]Change{}
	for _, c := range r.Changes {
		changes[changeArea(c)] = append(changes[changeArea(c)], c)
	}
	partial := partialAreas(r)
	for _, area := range reportAreas(r) {
		fs, cs := findings[area], changes[area]
		label := plural(len(fs), "finding") + ", " + plural(len(cs), "change")
		if partial[area] {
			label += ", PARTIAL coverage"
		}
		if len(fs) == 0 && len(cs) == 0 {
			fmt.Fprintf(b, "**%s**: %s\n\n", area, label)
			continue
		}
		fmt.Fprintf(b, "<details><summary><b>%s</b>: %s</summary>\n\n", area, label)
		if len(fs) > 0 {
			b.WriteString("| Severity | Rule | Resource | Message | Status |\n|---|---|---|---|---|\n")
			for _, f := range fs {
				var status []string
				if isNew[f.ID] {
					status = append(status, "🆕 new")
				}
				if f.Waived {
					status = append(status, waivedNote(f))
				}
				if n := expiredNote(f); n != "" {
					status = append(status, n)
				}
				fmt.Fprintf(b, "| %s | `%s` | `%s` | %s<br>%s | %s |\n", mdEscape(f.Severity), mdCode(f.Rule), mdCode(f.Names.Compact(f.Resource)), mdEscape(f.Message), mdEscape(namesText(f.Names)), mdEscape(strings.Join(status, "; ")))
			}
			b.WriteString("\n")
		}
		if len(cs) > 0 {
			fmt.Fprintf(b, "| Action | Resource | Path | %s | %s |\n|---|---|---|---|---|\n", mdEscape(r.Staging.Name), mdEscape(r.Production.Name))
			for _, row := range foldChanges(cs) {
				st, pr := rowValues(row, markdownValueWidth)
				fmt.Fprintf(b, "| %s | `%s` | %s | %s | %s |\n", actionSymbol(row.Action, r), mdCode(row.Names.Compact(row.Resource)), mdEscape(orDash(row.Path)), mdEscape(st), mdEscape(pr))
			}
			b.WriteString("\n")
		}
		b.WriteString("</details>\n\n")
	}
}

// plural says "1 finding" and "2 findings".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func mdWaivers(b *bytes.Buffer, r *Report) {
	if len(r.Waivers) == 0 {
		return
	}
	fmt.Fprintf(b, "<details><summary><b>Waiver problems</b>: %d</summary>\n\n", len(r.Waivers))
	b.WriteString("| Problem | Rule | Resource | Owner | Expires | Reason |\n|---|---|---|---|---|---|\n")
	for _, wp := range r.Waivers {
		fmt.Fprintf(b, "| %s | `%s` | `%s` | %s | %s | %s |\n", mdEscape(wp.Problem), mdCode(wp.Rule), mdCode(wp.Resource), mdEscape(wp.Owner), mdEscape(wp.Expires), mdEscape(wp.Reason))
	}
	b.WriteString("\n</details>\n\n")
}

func mdHistory(b *bytes.Buffer, r *Report) {
	h := r.History
	if h == nil {
		return
	}
	if h.PreviousRun == "" {
		b.WriteString("**History**: first run kept; new, resolved and persisting findings are counted from the next run\n\n")
		return
	}
	fmt.Fprintf(b, "**Since %s**: %d new, %d resolved, %d persisting", mdEscape(orDash(h.PreviousRun)), len(h.New), len(h.Resolved), len(h.Persisting))
	if len(h.Trend) > 0 {
		scores := make([]string, len(h.Trend))
		for i, tp := range h.Trend {
			scores[i] = fmt.Sprint(tp.Overall)
		}
		fmt.Fprintf(b, " · score trend %s", strings.Join(scores, " → "))
	}
	b.WriteString("\n\n")
	for _, f := range h.Resolved {
		fmt.Fprintf(b, "- resolved: %s `%s` on `%s`: %s\n", f.Severity, mdCode(f.Rule), mdCode(f.Names.Compact(f.Resource)), mdEscape(f.Message))
	}
	if len(h.Resolved) > 0 {
		b.WriteString("\n")
	}
}

// mdEscaper makes text safe in a table cell of a PR comment: pipes would
// split the cell, and markup characters must not render as HTML, links or
// emphasis.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "|", `\|`, "<", "&lt;", ">", "&gt;", "&", "&amp;",
	"*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`,
	"\r\n", "<br>", "\n", "<br>", "\r", "<br>",
)

// mdEscape makes hostile text inert in a PR comment: invisible and control
// characters are shown escaped (display.Text), markup is escaped, and what
// GitHub and GitLab would turn into a notification or a link (an @mention,
// a #123 reference, a bare URL or www. autolink) is broken with a zero-width
// joiner, which a reader does not see.
func mdEscape(s string) string { return mdNeutralise(mdEscaper.Replace(display.Text(s))) }

// mdCode makes text safe inside a `code span` in a table cell, where only
// the pipe and the backtick need care; mentions and links do not render
// inside a code span.
func mdCode(s string) string {
	return strings.NewReplacer("|", `\|`, "`", "'").Replace(display.Line(s))
}

// mdLive matches what a Markdown host renders as a mention, an issue
// reference or an autolink.
var mdLive = regexp.MustCompile(`@|#[0-9]|://|(?i:www)\.|(?i:gh)-[0-9]`)

const zwj = "\u200d"

func mdNeutralise(s string) string {
	return mdLive.ReplaceAllStringFunc(s, func(m string) string {
		return m[:1] + zwj + m[1:]
	})
}
