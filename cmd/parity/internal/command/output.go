package command

import (
	"bytes"
	"io"
	"os"

	"golang.org/x/term"

	"github.com/parity-sec/parity/collectors/snapshot"
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
