package command

import (
	"bytes"
	"io"
	"os"

	"golang.org/x/term"

	"github.com/parity-sec/parity/collectors/snapshot"
)

func writeFileAtomic(path string, write func(io.Writer) error) error {
	return snapshot.WriteFileAtomic(path, write)
}

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
// two environments collected at once stay readable in one log.
type prefixWriter struct {
	w      io.Writer
	prefix string
}

func (p prefixWriter) Write(b []byte) (int, error) {
	if _, err := io.WriteString(p.w, p.prefix); err != nil {
		return 0, err
	}
	return p.w.Write(b)
}
