package reports

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/parity-sec/parity/diff"
	"github.com/parity-sec/parity/policies"
)

//go:embed html.tmpl
var htmlTemplateText string

// htmlTemplate is parsed once; html/template escapes every value by context,
// so names and messages from AWS can never inject markup or script.
var htmlTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"plural": plural,
}).Parse(htmlTemplateText))

// HTMLWriter renders one self-contained HTML file: inline CSS and script, no
// external assets (a Content-Security-Policy forbids loading any), with
// area scores, filterable findings, side-by-side evidence, coverage gaps,
// changes and, with history, an inline SVG trend chart.
type HTMLWriter struct{}

// Write implements Writer.
func (HTMLWriter) Write(ctx context.Context, w io.Writer, r *Report) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := htmlTemplate.Execute(&buf, newHTMLView(r)); err != nil {
		return fmt.Errorf("render html report: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// htmlOpenEvidenceMax is the most findings whose evidence starts unfolded.
const htmlOpenEvidenceMax = 50

type htmlView struct {
	R          *Report
	Generated  string
	Verdict    string // passed, failed, partial, none
	Areas      []htmlArea
	Findings   []htmlFinding
	Changes    []htmlChange
	Gaps       []gap
	Severities []string
	Resolved   []Finding
	Chart      *htmlChart
	// OpenEvidence unfolds every finding's evidence; a large report starts
	// folded so the page stays quick to open and scroll.
	OpenEvidence bool
}

type htmlArea struct {
	Name                      string
	Score                     string
	Class                     string
	Paired, Findings, Changes int
	Total                     int // distinct resources across both sides
	Partial                   bool
}

type htmlFinding struct {
	Finding
	Area                string
	Rank                int
	New                 bool
	WaiverNote          string
	Staging, Production string
	// StagingLine and ProductionLine are the one-line readings of the
	// evidence (e.g. "Allow s3:getobject on …") shown above the JSON.
	StagingLine, ProductionLine string
	// NamesLine is both sides' real names, ARNs and accounts.
	NamesLine, ExpiredNote string
}

type htmlChange struct {
	Change
	Area, Symbol, Label string
	Staging, Production string
	// Compact is the real names ("payments-db-{staging,production}").
	Compact string
}

type htmlChart struct {
	Width, Height int
	Points        string
	Dots          []htmlDot
	Grid          []htmlGrid
	FirstLabel    string
	LastLabel     string
	LastX         float64
}

type htmlDot struct {
	X, Y  float64
	Score int
	Label string
}

type htmlGrid struct {
	Y     float64
	Label int
}

func newHTMLView(r *Report) htmlView {
	v := htmlView{R: r, Generated: r.GeneratedAt.UTC().Format("2006-01-02 15:04:05 UTC"), Verdict: "none", Severities: policies.Severities}
	if r.Gate != nil {
		v.Verdict = gateVerdictWord(r.Gate)
	}
	partial := partialAreas(r)
	for _, a := range reportAreas(r) {
		s := areaSummary(r, a)
		ha := htmlArea{Name: a, Score: absent, Paired: s.Paired, Total: s.Total, Findings: s.Findings, Changes: s.Changes, Partial: partial[a]}
		if sc, ok := areaScore(r, a); ok {
			ha.Score, ha.Class = fmt.Sprint(sc), scoreClass(sc)
		}
		v.Areas = append(v.Areas, ha)
	}
	isNew := newSet(r)
	for _, f := range r.Findings {
		hf := htmlFinding{Finding: f, Area: findingArea(f), Rank: policies.SeverityRank(f.Severity), New: isNew[f.ID],
			Staging: prettyJSON(f.Staging), Production: prettyJSON(f.Production),
			StagingLine: compactValue("", f.Staging), ProductionLine: compactValue("", f.Production),
			NamesLine: namesText(f.Names), ExpiredNote: expiredNote(f)}
		if f.Waived {
			hf.WaiverNote = waivedNote(f)
		}
		v.Findings = append(v.Findings, hf)
	}
	for _, c := range r.Changes {
		hc := htmlChange{Change: c, Area: changeArea(c), Symbol: actionSymbol(c.Action, r)[:1], Label: actionLabel(c.Action, r),
			Staging: changeValue(c.Path, c.Staging, c.Action == diff.OnlyStaging), Production: changeValue(c.Path, c.Production, c.Action == diff.OnlyProduction),
			Compact: c.Names.Compact(c.Resource)}
		v.Changes = append(v.Changes, hc)
	}
	v.OpenEvidence = len(v.Findings) <= htmlOpenEvidenceMax
	v.Gaps = coverageGaps(r)
	if r.History != nil {
		v.Resolved = r.History.Resolved
		v.Chart = trendChart(r.History.Trend)
	}
	return v
}

func scoreClass(s int) string {
	switch {
	case s >= 90:
		return "good"
	case s >= 70:
		return "fair"
	}
	return "poor"
}

// trendChart lays the overall score of each run on a 0-100 axis; it needs
// two points to draw a line.
func trendChart(trend []TrendPoint) *htmlChart {
	if len(trend) < 2 {
		return nil
	}
	const w, h, left, right, top, bottom = 640, 180, 40, 16, 12, 28
	c := &htmlChart{Width: w, Height: h}
	y := func(score int) float64 {
		score = max(0, min(100, score))
		return top + float64(100-score)*(h-top-bottom)/100
	}
	for _, g := range []int{0, 50, 100} {
		c.Grid = append(c.Grid, htmlGrid{Y: y(g), Label: g})
	}
	step := float64(w-left-right) / float64(len(trend)-1)
	pts := make([]string, len(trend))
	for i, tp := range trend {
		d := htmlDot{X: left + step*float64(i), Y: y(tp.Overall), Score: tp.Overall,
			Label: fmt.Sprintf("%s: score %d, %d findings", tp.Time.UTC().Format("2006-01-02 15:04"), tp.Overall, tp.Findings)}
		c.Dots = append(c.Dots, d)
		pts[i] = fmt.Sprintf("%.1f,%.1f", d.X, d.Y)
	}
	c.Points = strings.Join(pts, " ")
	c.FirstLabel = trend[0].Time.UTC().Format("2006-01-02")
	c.LastLabel = trend[len(trend)-1].Time.UTC().Format("2006-01-02")
	c.LastX = c.Dots[len(c.Dots)-1].X
	return c
}
