// Package atomicfile is the one way parity writes a file: snapshots,
// reports and history runs all go through Write, so a reader never sees
// half a file and a crash never leaves a renamed-but-empty one.
//
// It lives under collectors, the first stage, so every later stage can use
// it without an import pointing backwards. It must never follow a path
// anywhere but where the caller asked, never replace a device, FIFO or
// other special file with a regular one, and never create a file more
// readable than the mode it was given.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
)

// DefaultMode is the mode of files parity creates when the user says
// nothing: reports and snapshots describe an account's access, so only
// the owner reads them.
const DefaultMode fs.FileMode = 0o600

// ParseMode reads a --file-mode value: octal permission bits such as 600
// or 0644, nothing else (no setuid, sticky or type bits).
func ParseMode(s string) (fs.FileMode, error) {
	v, err := strconv.ParseUint(s, 8, 32)
	if err != nil || s == "" {
		return 0, fmt.Errorf("%q is not an octal file mode such as 0600 or 0644", s)
	}
	if v&^0o777 != 0 {
		return 0, fmt.Errorf("%q: only permission bits (at most 0777) are allowed", s)
	}
	if v&0o600 != 0o600 {
		return 0, fmt.Errorf("%q: the owner must be able to read and write the file (0600 at least)", s)
	}
	return fs.FileMode(v), nil
}

// DirMode is the directory mode that goes with a file mode: whoever may
// read the files may also list the directory.
func DirMode(file fs.FileMode) fs.FileMode {
	return file | (file&0o444)>>2
}

// Write runs write against a temp file beside path, syncs it, sets mode
// (DefaultMode when 0), renames it over path and syncs the directory.
// When path exists and is not a regular file (a character device such as
// /dev/null or /dev/stdout, a FIFO), it writes through to it instead of
// replacing it; a directory or socket is an error. Errors read
// "write PATH: reason" on one line.
func Write(path string, mode fs.FileMode, write func(io.Writer) error) error {
	if mode == 0 {
		mode = DefaultMode
	}
	if err := writeFile(path, mode, write); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

func writeFile(path string, mode fs.FileMode, write func(io.Writer) error) error {
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
		return writeThrough(path, fi, write)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return unwrapPathError(err)
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return unwrapPathError(err)
	}
	placed := false
	defer func() {
		if !placed {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := write(tmp); err != nil {
		return err
	}
	// Chmod on the open file sets exactly mode, whatever the umask.
	if err := tmp.Chmod(mode); err != nil {
		return err
	}
	// Sync before rename: otherwise a crash can publish the name before
	// the contents reach the disk.
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return unwrapPathError(err)
	}
	placed = true
	return SyncDir(dir)
}

// writeThrough writes to an existing special file in place. Renaming over
// it would replace /dev/null with a regular file (as root, for every
// process on the machine) or a FIFO nobody then reads.
func writeThrough(path string, fi fs.FileInfo, write func(io.Writer) error) error {
	switch t := fi.Mode().Type(); {
	case t&fs.ModeDir != 0:
		return errors.New("is a directory, want a file")
	case t&(fs.ModeCharDevice|fs.ModeNamedPipe|fs.ModeDevice) == 0:
		return fmt.Errorf("is a special file (%s) parity cannot write to", t)
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return unwrapPathError(err)
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// SyncDir makes a directory's entries durable after a rename. Windows
// cannot sync a directory handle, and NTFS journals renames anyway.
func SyncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	if err := d.Sync(); err != nil {
		d.Close()
		return err
	}
	return d.Close()
}

// unwrapPathError drops the operation and path os adds, since every error
// here is already prefixed with the path the user gave.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
