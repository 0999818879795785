package history

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
)

// WriteList prints what `parity history DIR` shows: a table of the runs,
// newest last so the latest night sits just above the prompt, then one
// line per skipped run. It sorts copies of its inputs, so the same history
// always gives the same bytes.
func WriteList(w io.Writer, runs []RunInfo, problems []Problem) error {
	runs = slices.Clone(runs)
	slices.SortStableFunc(runs, func(a, b RunInfo) int { return compareNames(a.Name, b.Name) })
	problems = slices.Clone(problems)
	sortProblems(problems)

	if len(runs) == 0 {
		if _, err := io.WriteString(w, "no complete runs in history\n"); err != nil {
			return fmt.Errorf("write history: %w", err)
		}
	} else {
		table := tablewriter.NewTable(w,
			// Auto-format would split "(UTC)" apart; it must be off before
			// WithHeader, which formats the header as it is applied.
			tablewriter.WithHeaderAutoFormat(tw.Off),
			tablewriter.WithHeader([]string{"RUN", "TIME (UTC)", "SCORE", "FINDINGS", "UNWAIVED", "GATE"}),
			tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: []tw.Align{
				tw.AlignLeft, tw.AlignLeft, tw.AlignRight, tw.AlignRight, tw.AlignRight, tw.AlignLeft,
			}}),
		)
		for _, r := range runs {
			row := []string{
				clean(r.Name),
				r.Time.UTC().Format("2006-01-02 15:04:05"),
				score(r),
				strconv.Itoa(r.Findings),
				strconv.Itoa(r.Unwaived),
				gate(r.GatePassed),
			}
			if err := table.Append(row); err != nil {
				return fmt.Errorf("write history: %w", err)
			}
		}
		if err := table.Render(); err != nil {
			return fmt.Errorf("write history: %w", err)
		}
	}
	for _, p := range problems {
		if _, err := fmt.Fprintf(w, "skipped %s: %s\n", clean(p.Run), clean(p.Message)); err != nil {
			return fmt.Errorf("write history: %w", err)
		}
	}
	return nil
}

func score(r RunInfo) string {
	if !r.HasScore {
		return "-"
	}
	return strconv.Itoa(r.Overall)
}

func gate(passed *bool) string {
	switch {
	case passed == nil:
		return "-"
	case *passed:
		return "pass"
	default:
		return "fail"
	}
}

// clean keeps a name or message from a history directory on one line and
// free of terminal escapes: a file name may hold any byte but the slash.
func clean(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return !unicode.IsPrint(r) }) < 0 {
		return s
	}
	return strconv.Quote(s)
}
