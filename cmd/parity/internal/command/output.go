package command

import (
	"bytes"
	"io"
	"os"
	"strconv"
	"strings"

	"golang.org/x/term"

	"github.com/parity-sec/parity/collectors/snapshot"
	"github.com/parity-sec/parity/reports"
)

// colorAllowed: colour only on a terminal and never when NO_COLOR is set
// (https://no-color.org).
func colorAllowed(w io.Writer) bool {
	if _, ok := os.LookupEnv("NO_COLOR"); ok {
		return false
	}
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// terminalWidth is the table's width: COLUMNS when set to a number (the
// shell's, or the user's choice for a log), else the terminal's width when
// w is one, else reports.DefaultWidth, so a CI log gets the same layout
// every time.
func terminalWidth(w io.Writer) int {
	if v, err := strconv.Atoi(strings.TrimSpace(os.Getenv("COLUMNS"))); err == nil && v > 0 {
		return v
	}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		if cols, _, err := term.GetSize(int(f.Fd())); err == nil && cols > 0 {
			return cols
		}
	}
	return reports.DefaultWidth
}

func encode(s *snapshot.Snapshot) ([]byte, error) {
	var b bytes.Buffer
	if err := snapshot.Encode(&b, s); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// prefixWriter prefixes each write (progress lines are written whole) so
// two environments collected at once stay readable in one log. Prefix and
// line go out in one Write: two writes could interleave with the other
// environment's.
type prefixWriter struct {
	w      io.Writer
	prefix string
}

func (p prefixWriter) Write(b []byte) (int, error) {
	line := make([]byte, 0, len(p.prefix)+len(b))
	line = append(append(line, p.prefix...), b...)
	if _, err := p.w.Write(line); err != nil {
		return 0, err
	}
	return len(b), nil
}
