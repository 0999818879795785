package snapshot

import (
	"encoding/json"
	"io"
	"io/fs"

	"github.com/parity-sec/parity/collectors/atomicfile"
)

// Encode writes s as indented JSON. Collectors sort their slices before
// handing a snapshot over, so the same account gives the same bytes.
func Encode(w io.Writer, s *Snapshot) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(s)
}

// WriteFile writes a snapshot with atomicfile.Write (temp file, fsync,
// rename, fsync of the directory), so a reader never sees half a snapshot.
// A mode of 0 means atomicfile.DefaultMode.
func WriteFile(path string, s *Snapshot, mode fs.FileMode) error {
	return atomicfile.Write(path, mode, func(w io.Writer) error { return Encode(w, s) })
}
