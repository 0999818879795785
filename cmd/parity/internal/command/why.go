package command

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/parity-sec/parity/reports"
	"github.com/parity-sec/parity/reports/display"
	"github.com/parity-sec/parity/reports/run"
)

// sayWhy puts the verdict where a person or a CI system looks, whatever
// the format and destination: one line on stderr (a JSON report on stdout
// or in a file otherwise fails a pipeline in silence), and on GitHub
// Actions the Markdown report as the job summary.
func sayWhy(ctx context.Context, rep *run.Report, opts evalOptions, set settings, stderr io.Writer) {
	for _, w := range rep.Warnings {
		fmt.Fprintf(stderr, "parity: warning: %s\n", display.Line(w))
	}
	fmt.Fprintf(stderr, "parity: %s\n", display.Line(reports.SummaryLine(rep)+" · "+destinations(opts, set)))
	if path := os.Getenv("GITHUB_STEP_SUMMARY"); path != "" {
		if err := jobSummary(ctx, rep, path); err != nil {
			fmt.Fprintf(stderr, "parity: GITHUB_STEP_SUMMARY: %s\n", display.Line(err.Error()))
		}
	}
}

// destinations says where the reports went: "report: stdout" or
// "reports: out/parity.json, out/parity.sarif".
func destinations(opts evalOptions, set settings) string {
	main := "stdout"
	if opts.Output != "" {
		main = opts.Output
	}
	all := []string{main}
	for _, t := range set.Reports {
		all = append(all, t.Path)
	}
	if len(all) == 1 {
		return "report: " + main
	}
	return "reports: " + strings.Join(all, ", ")
}

// jobSummary appends the Markdown report to GitHub's job summary file.
// GitHub creates the file and may hold other steps' summaries, so it is
// appended to, never replaced.
func jobSummary(ctx context.Context, rep *run.Report, path string) error {
	w, err := reports.New(reports.FormatMarkdown, reports.Options{})
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := w.Write(ctx, &b, rep); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(b.Bytes()); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
