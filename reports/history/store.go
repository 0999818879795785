package history

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/parity-sec/parity/collectors/atomicfile"
	"github.com/parity-sec/parity/reports/run"
)

// File names inside a run directory.
const (
	StagingFile    = "staging.json"
	ProductionFile = "production.json"
	ReportFile     = "report.json"
)

// tempPrefix starts every directory Save is still writing (and every run
// Prune is deleting). The leading dot keeps it out of `ls` and out of List.
const tempPrefix = ".tmp-"

// staleAfter is how old a temp directory must be before it counts as left
// behind by an interrupted save rather than a save still in progress.
const staleAfter = time.Hour

// Store is a history directory. The zero value is unusable: Dir must be set.
type Store struct {
	Dir string
	// Now is the clock, for a run saved without a time and for telling an
	// abandoned temp directory from one still being written; nil means
	// time.Now. Tests pin it.
	Now func() time.Time
	// FileMode is the mode of the files a run holds (run directories get
	// atomicfile.DirMode of it); 0 means atomicfile.DefaultMode.
	FileMode fs.FileMode
}

func (s Store) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Run is one parity run to keep.
type Run struct {
	// Time names the run; zero means now. It is kept in UTC to the second.
	Time time.Time
	// Staging and Production are the snapshot JSON exactly as collected or
	// loaded, so a past run can be re-evaluated with newer policies.
	Staging, Production []byte
	// Report is the run's result; its SchemaVersion must be the current one
	// so every saved run can be read back.
	Report *run.Report
}

// Save writes run under a new directory named by its time and returns how
// List will describe it. The run is written into a temp directory inside
// Dir, synced, and renamed into place, so a concurrent reader sees either
// the whole run or nothing. Two runs in the same second get distinct names.
func (s Store) Save(ctx context.Context, rn Run) (RunInfo, error) {
	if s.Dir == "" {
		return RunInfo{}, errors.New("save run: no history directory given")
	}
	if err := validateRun(rn); err != nil {
		return RunInfo{}, fmt.Errorf("save run: %w", err)
	}
	t := rn.Time
	if t.IsZero() {
		t = s.now()
	}
	t = t.UTC().Truncate(time.Second)
	if t.Year() < 1 || t.Year() > 9999 {
		return RunInfo{}, fmt.Errorf("save run: time %s cannot name a run", t.Format(time.RFC3339))
	}
	var report bytes.Buffer
	enc := json.NewEncoder(&report)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(rn.Report); err != nil {
		return RunInfo{}, fmt.Errorf("save run: encode report: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return RunInfo{}, fmt.Errorf("save run: %w", err)
	}
	mode := s.FileMode
	if mode == 0 {
		mode = atomicfile.DefaultMode
	}
	if err := os.MkdirAll(s.Dir, atomicfile.DirMode(mode)); err != nil {
		return RunInfo{}, fmt.Errorf("save run: %w", err)
	}
	tmp, err := os.MkdirTemp(s.Dir, tempPrefix+formatName(t, 0)+"-")
	if err != nil {
		return RunInfo{}, fmt.Errorf("save run: %w", err)
	}
	placed := false
	defer func() {
		if !placed {
			os.RemoveAll(tmp)
		}
	}()
	files := []struct {
		name string
		data []byte
	}{
		{StagingFile, rn.Staging},
		{ProductionFile, rn.Production},
		{ReportFile, report.Bytes()},
	}
	for _, f := range files {
		if err := atomicfile.Write(filepath.Join(tmp, f.name), s.FileMode, writeBytes(f.data)); err != nil {
			return RunInfo{}, fmt.Errorf("save run: %w", err)
		}
	}
	// MkdirTemp makes the directory private; a run is as readable as the
	// files in it.
	if err := os.Chmod(tmp, atomicfile.DirMode(mode)); err != nil {
		return RunInfo{}, fmt.Errorf("save run: %w", err)
	}
	if err := atomicfile.SyncDir(tmp); err != nil {
		return RunInfo{}, fmt.Errorf("save run: %w", err)
	}
	// Last chance to give up: after the rename the run is public.
	if err := ctx.Err(); err != nil {
		return RunInfo{}, fmt.Errorf("save run: %w", err)
	}
	name, key, err := s.place(tmp, t)
	if err != nil {
		return RunInfo{}, fmt.Errorf("save run: %w", err)
	}
	placed = true
	if err := atomicfile.SyncDir(s.Dir); err != nil {
		return RunInfo{}, fmt.Errorf("save run %s: %w", name, err)
	}
	return infoFrom(name, key, rn.Report), nil
}

func validateRun(rn Run) error {
	switch {
	case rn.Report == nil:
		return errors.New("no report")
	case rn.Report.SchemaVersion != run.SchemaVersion:
		return fmt.Errorf("report schema_version %d, want %d", rn.Report.SchemaVersion, run.SchemaVersion)
	case len(bytes.TrimSpace(rn.Staging)) == 0:
		return errors.New("staging snapshot is empty")
	case len(bytes.TrimSpace(rn.Production)) == 0:
		return errors.New("production snapshot is empty")
	}
	return nil
}

// place renames the finished temp directory to the first free name for t.
// The check before the rename avoids clobbering; the check after a failed
// rename tells a lost race (another Save took the name: try the next) from
// a real error. A complete run is never empty, so rename cannot replace one.
func (s Store) place(tmp string, t time.Time) (string, runKey, error) {
	for seq := 0; seq <= maxSeq; seq++ {
		name := formatName(t, seq)
		dst := filepath.Join(s.Dir, name)
		if _, err := os.Lstat(dst); err == nil {
			continue
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", runKey{}, err
		}
		if err := os.Rename(tmp, dst); err != nil {
			if _, lerr := os.Lstat(dst); lerr == nil {
				continue
			}
			return "", runKey{}, err
		}
		return name, runKey{time: t, seq: seq}, nil
	}
	return "", runKey{}, fmt.Errorf("more than %d runs saved in second %s", maxSeq+1, formatName(t, 0))
}

func writeBytes(data []byte) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}
}
