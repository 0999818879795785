package history

import (
	"fmt"
	"path/filepath"
	"slices"
	"sync"
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
			dir := t.TempDir()
			build(t, dir, fx)
			s := Store{Dir: dir, Now: clock(t0)}
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

// Two prunes at once (two overlapping cron jobs) both succeed, and each
// old run is removed exactly once.
func TestPruneConcurrent(t *testing.T) {
	dir := t.TempDir()
	var fx []fixture
	for i := range 12 {
		fx = append(fx, good(fmt.Sprintf("20261123T0215%02dZ", i), i))
	}
	build(t, dir, fx)
	s := Store{Dir: dir}
	var removed [2][]string
	var errs [2]error
	var wg sync.WaitGroup
	for i := range 2 {
		wg.Go(func() { removed[i], errs[i] = s.Prune(2) })
	}
	wg.Wait()
	if errs[0] != nil || errs[1] != nil {
		t.Fatalf("prune errors: %v, %v", errs[0], errs[1])
	}
	all := append(slices.Clone(removed[0]), removed[1]...)
	sortNames(all)
	var want []string
	for _, f := range fx[:10] {
		want = append(want, f.name)
	}
	if d := cmp.Diff(want, all); d != "" {
		t.Errorf("removed by both prunes (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"20261123T021510Z", "20261123T021511Z"}, entries(t, dir)); d != "" {
		t.Errorf("left (-want +got):\n%s", d)
	}
}
