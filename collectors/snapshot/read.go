package snapshot

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
)

// ReadFile reads at most max bytes of path (MaxFileSize when max <= 0)
// and fails once the file holds more. It never trusts stat(): a character
// device (/dev/zero), a FIFO or a file still growing reports size 0 or a
// stale size, so the read itself is bounded (an io.LimitReader at max+1).
// Input that does not start like a JSON object fails after the first
// block, so "parity diff /dev/zero x.json" exits at once. Errors are
// unprefixed; the caller names the file.
func ReadFile(path string, max int64) ([]byte, error) {
	if max <= 0 {
		max = MaxFileSize
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, unwrapPathError(err)
	}
	defer f.Close()
	var b bytes.Buffer
	// The size of a regular file is only a hint for the first allocation,
	// never a bound.
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > 0 && st.Size() <= max {
		b.Grow(int(st.Size()) + bytes.MinRead)
	}
	r := io.LimitReader(f, max+1)
	checked := false
	for {
		if b.Available() < bytes.MinRead {
			b.Grow(bytes.MinRead)
		}
		buf := b.AvailableBuffer()[:b.Available()]
		n, err := r.Read(buf)
		b.Write(buf[:n])
		if !checked {
			if first, ok := firstNonSpace(b.Bytes()); ok {
				checked = true
				if first != '{' {
					return nil, errors.New("not a JSON object, not a parity snapshot")
				}
			}
		}
		if int64(b.Len()) > max {
			return nil, fmt.Errorf("larger than the snapshot size limit of %d bytes (--max-snapshot-size)", max)
		}
		if errors.Is(err, io.EOF) {
			return b.Bytes(), nil
		}
		if err != nil {
			return nil, fmt.Errorf("read: %w", err)
		}
	}
}

func firstNonSpace(p []byte) (byte, bool) {
	for _, c := range p {
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		}
		return c, true
	}
	return 0, false
}
