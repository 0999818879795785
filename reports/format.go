package reports

import (
	"fmt"
	"strings"
)

// Format names, as --format and --report FORMAT=PATH accept them.
const (
	FormatTable    = "table"
	FormatJSON     = "json"
	FormatMarkdown = "markdown"
	FormatHTML     = "html"
	FormatSARIF    = "sarif"
	FormatJUnit    = "junit"
)

// Formats lists every format in the order --help shows them; flag
// validation uses the same list, so a new format is added here once.
var Formats = []string{FormatTable, FormatJSON, FormatMarkdown, FormatHTML, FormatSARIF, FormatJUnit}

// Options carry the caller's decisions into a writer. Writers never look at
// the terminal or the environment themselves, so the same Options give the
// same bytes everywhere.
type Options struct {
	// Color turns on ANSI colour in the table format. The caller decides:
	// true only when writing to a terminal and NO_COLOR is unset.
	Color bool
	// FailOn is the gate's severity threshold; JUnit reports unwaived
	// findings at or above it as failures. Empty means the report's own
	// Gate.FailOn, or "high" when there is no gate.
	FailOn string
	// Width is the table's width in columns; 0 means DefaultWidth. The
	// caller decides (COLUMNS, the terminal's size, else DefaultWidth).
	Width int
	// Changes makes the table list every change, not counts per area.
	Changes bool
}

// Compile-time checks that every format implements Writer.
var (
	_ Writer = (*TableWriter)(nil)
	_ Writer = (*JSONWriter)(nil)
	_ Writer = (*MarkdownWriter)(nil)
	_ Writer = (*HTMLWriter)(nil)
	_ Writer = (*SARIFWriter)(nil)
	_ Writer = (*JUnitWriter)(nil)
)

// New returns the writer for a format name from Formats.
func New(format string, opts Options) (Writer, error) {
	switch strings.ToLower(strings.TrimSpace(format)) {
	case FormatTable:
		return &TableWriter{Color: opts.Color, Width: opts.Width, Changes: opts.Changes}, nil
	case FormatJSON:
		return &JSONWriter{}, nil
	case FormatMarkdown:
		return &MarkdownWriter{}, nil
	case FormatHTML:
		return &HTMLWriter{}, nil
	case FormatSARIF:
		return &SARIFWriter{}, nil
	case FormatJUnit:
		return &JUnitWriter{FailOn: opts.FailOn}, nil
	}
	return nil, fmt.Errorf("unknown report format %q (want one of %s)", format, strings.Join(Formats, ", "))
}
