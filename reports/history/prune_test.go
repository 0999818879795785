package history

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestPrune(t *testing.T) {
	fx := []fixture{
		raw("20261119T000000Z", "{"), // broken, older than every run
		good("20261120T000000Z", 10),
		good("20261121T000000Z", 20),
		raw("20261121T120000Z", "{"), // broken, between runs
		good("20261122T000000Z", 30),
		good("20261122T000000Z-001", 40),
		raw("20261123T000000Z", "{"), // broken, newest
		raw("notes", validReport),
		{name: ".tmp-20261121T000004Z-1", files: map[string]string{StagingFile: snap}, age: 2 * time.Hour},
		{name: ".tmp-20261121T000005Z-2", files: map[string]string{StagingFile: snap}, age: 10 * time.Minute},
	}
	broken := []string{"20261119T000000Z", "20261121T120000Z", "20261123T000000Z"}
	tests := []struct {
		keep    int
		removed []string
		runs    []string
	}{
		{
			keep:    0,
			removed: []string{".tmp-20261121T000004Z-1"},
			runs:    []string{"20261120T000000Z", "20261121T000000Z", "20261122T000000Z", "20261122T000000Z-001"},
		},
		{
			keep:    5,
			removed: []string{".tmp-20261121T000004Z-1"},
			runs:    []string{"20261120T000000Z", "20261121T000000Z", "20261122T000000Z", "20261122T000000Z-001"},
		},
		{
			keep:    4,
			removed: []string{"20261119T000000Z", ".tmp-20261121T000004Z-1"},
			runs:    []string{"20261120T000000Z", "20261121T000000Z", "20261122T000000Z", "20261122T000000Z-001"},
		},
		{
			keep:    2,
			removed: []string{"20261119T000000Z", "20261120T000000Z", "20261121T000000Z", "20261121T120000Z", ".tmp-20261121T000004Z-1"},
			runs:    []string{"20261122T000000Z", "20261122T000000Z-001"},
		},
		{
			keep:    1,
			removed: []string{"20261119T000000Z", "20261120T000000Z", "20261121T000000Z", "20261121T120000Z", "20261122T000000Z", ".tmp-20261121T000004Z-1"},
			runs:    []string{"20261122T000000Z-001"},
		},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("keep%d", tt.keep), func(t *testing.T) {
			pinClock(t, t0)
			dir := t.TempDir()
			build(t, dir, fx)
			s := Store{Dir: dir}
			removed, err := s.Prune(tt.keep)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tt.removed, removed); d != "" {
				t.Errorf("removed (-want +got):\n%s", d)
			}
			runs, _, err := s.List()
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, r := range runs {
				names = append(names, r.Name)
			}
			if d := cmp.Diff(tt.runs, names); d != "" {
				t.Errorf("runs after prune (-want +got):\n%s", d)
			}
			// Everything not removed is still there, and nothing else.
			gone := map[string]bool{}
			for _, n := range removed {
				gone[n] = true
			}
			var want []string
			for _, f := range fx {
				if !gone[f.name] {
					want = append(want, f.name)
				}
			}
			sortNames(want)
			got := entries(t, dir)
			sortNames(got)
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("entries after prune (-want +got):\n%s", d)
			}
			for _, b := range broken {
				if gone[b] {
					continue
				}
				if !contains(got, b) {
					t.Errorf("broken run %s vanished without being reported", b)
				}
			}
		})
	}
}

func TestPruneMissingDir(t *testing.T) {
	removed, err := Store{Dir: filepath.Join(t.TempDir(), "nope")}.Prune(3)
	if err != nil || removed != nil {
		t.Fatalf("Prune = %v, %v; want nothing", removed, err)
	}
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
