package history

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/parity-sec/parity/reports/run"
)

// maxReportSize bounds how much of a report.json List reads, so a stray
// huge file in the history fails one run instead of exhausting memory.
const maxReportSize = 512 << 20

// List describes the complete runs in the history directory, oldest first.
// A run that cannot be read (missing file, invalid JSON, another
// schema_version, a name that is not a run time) is returned as a Problem
// and skipped. A missing directory is an empty history; err is set only
// when the directory itself cannot be read.
func (s Store) List() (runs []RunInfo, problems []Problem, err error) {
	sc, err := s.scan()
	if err != nil {
		return nil, nil, err
	}
	return sc.runs, sc.problems, nil
}

// Latest returns the report of the most recent complete run. ok is false
// when the history holds no complete run; problems are those List run.
func (s Store) Latest() (r *run.Report, info RunInfo, ok bool, problems []Problem, err error) {
	_, r, info, ok, problems, err = s.ListLatest()
	return r, info, ok, problems, err
}

// ListLatest is List and Latest from one scan of the directory: a nightly
// run needs both (the trend and the previous report), and each scan parses
// every stored report.
func (s Store) ListLatest() (runs []RunInfo, r *run.Report, info RunInfo, ok bool, problems []Problem, err error) {
	sc, err := s.scan()
	if err != nil {
		return nil, nil, RunInfo{}, false, nil, err
	}
	problems = sc.problems
	// Read the newest run again rather than keep every report in memory
	// during the scan; if it changed in between (pruned), fall back to the
	// one before and say so.
	for i := len(sc.runs) - 1; i >= 0; i-- {
		info := sc.runs[i]
		r, err := loadRun(s.Dir, info.Name)
		if err != nil {
			if _, serr := os.Lstat(filepath.Join(s.Dir, info.Name)); !errors.Is(serr, fs.ErrNotExist) {
				problems = append(problems, Problem{Run: info.Name, Message: err.Error()})
			}
			continue
		}
		sortProblems(problems)
		return sc.runs, r, info, true, problems, nil
	}
	sortProblems(problems)
	return sc.runs, nil, RunInfo{}, false, problems, nil
}

// scanResult is one pass over the history directory.
type scanResult struct {
	runs     []RunInfo // complete runs, oldest first
	problems []Problem // sorted by run
	stale    []string  // temp directories left behind by interrupted saves
}

func (s Store) scan() (scanResult, error) {
	var sc scanResult
	if s.Dir == "" {
		return sc, errors.New("read history: no history directory given")
	}
	entries, err := os.ReadDir(s.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return sc, nil
	}
	if err != nil {
		return sc, fmt.Errorf("read history %s: %w", s.Dir, unwrapPathError(err))
	}
	keys := map[string]runKey{}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			if isStale(e, s.now()) {
				sc.stale = append(sc.stale, name)
				sc.problems = append(sc.problems, Problem{Run: name, Message: "unfinished save left behind; the next prune removes it"})
			}
			continue
		}
		key, err := parseName(name)
		if err != nil {
			sc.problems = append(sc.problems, Problem{Run: name, Message: err.Error()})
			continue
		}
		r, err := loadRun(s.Dir, name)
		if err != nil {
			// A concurrent Prune renames a run away whole; a run that
			// vanished mid-read is gone, not broken.
			if _, serr := os.Lstat(filepath.Join(s.Dir, name)); errors.Is(serr, fs.ErrNotExist) {
				continue
			}
			sc.problems = append(sc.problems, Problem{Run: name, Message: err.Error()})
			continue
		}
		keys[name] = key
		sc.runs = append(sc.runs, infoFrom(name, key, r))
	}
	slices.SortFunc(sc.runs, func(a, b RunInfo) int {
		ka, kb := keys[a.Name], keys[b.Name]
		if ka.less(kb) {
			return -1
		}
		if kb.less(ka) {
			return 1
		}
		return 0
	})
	sortProblems(sc.problems)
	return sc, nil
}

// isStale tells a temp directory of an interrupted save from one that a
// concurrent save is still writing: only the first is worth a word.
func isStale(e fs.DirEntry, now time.Time) bool {
	if !strings.HasPrefix(e.Name(), tempPrefix) || !e.IsDir() {
		return false
	}
	fi, err := e.Info()
	if err != nil {
		return false // gone meanwhile: its save finished or was pruned
	}
	return now.Sub(fi.ModTime()) > staleAfter
}

func sortProblems(ps []Problem) {
	slices.SortFunc(ps, func(a, b Problem) int {
		if c := compareNames(a.Run, b.Run); c != 0 {
			return c
		}
		return cmp.Compare(a.Message, b.Message)
	})
}

// loadRun reads and validates one run directory. Its error is one line
// fit for a Problem message.
func loadRun(dir, name string) (*run.Report, error) {
	path := filepath.Join(dir, name)
	fi, err := os.Stat(path)
	if err != nil {
		return nil, unwrapPathError(err)
	}
	if !fi.IsDir() {
		return nil, errors.New("not a run directory")
	}
	for _, f := range []string{StagingFile, ProductionFile} {
		fi, err := os.Stat(filepath.Join(path, f))
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("missing %s (partial run)", f)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, unwrapPathError(err))
		}
		if !fi.Mode().IsRegular() {
			return nil, fmt.Errorf("%s is not a regular file", f)
		}
	}
	f, err := os.Open(filepath.Join(path, ReportFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("missing %s (partial run)", ReportFile)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", ReportFile, unwrapPathError(err))
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", ReportFile)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxReportSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", ReportFile, unwrapPathError(err))
	}
	if len(data) > maxReportSize {
		return nil, fmt.Errorf("%s is larger than %d MiB", ReportFile, maxReportSize>>20)
	}
	r, err := ParseReport(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", ReportFile, err)
	}
	return r, nil
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
