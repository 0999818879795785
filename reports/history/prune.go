package history

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// Prune keeps the newest keep complete runs and removes older ones; keep <= 0
// keeps every run. Once the history holds at least keep complete runs, a
// broken run (one List reports as a Problem, with a run-time name) older
// than the oldest kept run goes too, since it is outside the window anyway.
// Temp directories of saves interrupted more than an hour ago are always
// removed. Entries whose names Save never writes are never touched.
// removed lists what was deleted, oldest run first, then temp directories.
func (s Store) Prune(keep int) (removed []string, err error) {
	sc, err := s.scan()
	if err != nil {
		return nil, fmt.Errorf("prune: %w", err)
	}
	var victims []string
	if keep > 0 && len(sc.runs) >= keep {
		cut := len(sc.runs) - keep
		for _, r := range sc.runs[:cut] {
			victims = append(victims, r.Name)
		}
		oldest, _ := parseName(sc.runs[cut].Name)
		for _, p := range sc.problems {
			if k, err := parseName(p.Run); err == nil && k.less(oldest) {
				victims = append(victims, p.Run)
			}
		}
	}
	var errs []error
	for _, name := range victims {
		if err := s.removeRun(name); errors.Is(err, fs.ErrNotExist) {
			continue // a concurrent prune got there first
		} else if err != nil {
			errs = append(errs, err)
			continue
		}
		removed = append(removed, name)
	}
	for _, name := range sc.stale {
		if err := os.RemoveAll(filepath.Join(s.Dir, name)); err != nil {
			errs = append(errs, fmt.Errorf("remove %s: %w", name, unwrapPathError(err)))
			continue
		}
		removed = append(removed, name)
	}
	sortNames(removed)
	if err := errors.Join(errs...); err != nil {
		return removed, fmt.Errorf("prune: %w", err)
	}
	return removed, nil
}

// removeRun first renames the run to a temp name, so a concurrent List sees
// it either whole or gone, never half-deleted; if the delete then fails,
// the leftover is cleaned up as a stale temp directory by a later prune.
func (s Store) removeRun(name string) error {
	src := filepath.Join(s.Dir, name)
	dst := filepath.Join(s.Dir, tempPrefix+"prune-"+name+"-"+rand.Text())
	if err := os.Rename(src, dst); err != nil {
		return fmt.Errorf("remove %s: %w", name, unwrapPathError(err))
	}
	// From here the run is gone for readers; a failed delete only leaves a
	// hidden directory behind.
	if err := os.RemoveAll(dst); err != nil {
		return fmt.Errorf("remove %s: %w", name, unwrapPathError(err))
	}
	return nil
}

// sortNames orders run names chronologically, other names after them.
func sortNames(names []string) {
	slices.SortFunc(names, compareNames)
}
