package snapshottest

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parity-sec/parity/collectors/snapshot"
	"github.com/parity-sec/parity/diff"
	"github.com/parity-sec/parity/normalize"
)

func TestGenerateDeterministic(t *testing.T) {
	st1, pr1 := Generate(500, 7)
	st2, pr2 := Generate(500, 7)
	if diff := cmp.Diff(st1, st2); diff != "" {
		t.Errorf("staging differs between two runs with the same seed (-first +second):\n%s", diff)
	}
	if diff := cmp.Diff(pr1, pr2); diff != "" {
		t.Errorf("production differs between two runs with the same seed (-first +second):\n%s", diff)
	}
	st3, _ := Generate(500, 8)
	if cmp.Equal(st1, st3) {
		t.Error("seeds 7 and 8 gave the same staging snapshot")
	}
}

func resourceCount(s *snapshot.Snapshot) map[string]int {
	id, se, lg, nw := s.Identity, s.Secrets, s.Logging, s.Network
	return map[string]int{
		"roles": len(id.Roles), "users": len(id.Users), "groups": len(id.Groups), "policies": len(id.Policies),
		"instance_profiles": len(id.InstanceProfiles), "oidc_providers": len(id.OIDCProviders),
		"secrets": len(se.Secrets), "parameters": len(se.Parameters), "kms_keys": len(se.KMSKeys),
		"trails": len(lg.Trails), "log_groups": len(lg.LogGroups), "flow_logs": len(lg.FlowLogs),
		"vpcs": len(nw.VPCs), "security_groups": len(nw.SecurityGroups), "network_acls": len(nw.NetworkACLs),
	}
}

func TestGenerateSizes(t *testing.T) {
	for _, n := range []int{0, 1, 10, 1000, 10000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			st, pr := Generate(n, 1)
			for _, s := range []*snapshot.Snapshot{st, pr} {
				if err := s.Validate(); err != nil {
					t.Fatalf("%s: invalid: %v", s.Environment, err)
				}
				total := 0
				for kind, c := range resourceCount(s) {
					total += c
					if n >= 1000 && c == 0 {
						t.Errorf("%s: no %s at n=%d", s.Environment, kind, n)
					}
				}
				// Drift may remove a few resources from one side, never add.
				if total > n || total < n-n*driftBoundPct/100 {
					t.Errorf("%s: %d resources, want about %d", s.Environment, total, n)
				}
			}
		})
	}
}

// driftBoundPct is the percentage of resources drift may remove from one side.
const driftBoundPct = 5

func TestWriteFilesLoadsBack(t *testing.T) {
	dir := t.TempDir()
	stPath, prPath, err := WriteFiles(dir, 2000, 3)
	if err != nil {
		t.Fatal(err)
	}
	wantSt, wantPr := Generate(2000, 3)
	for _, tt := range []struct {
		path string
		want *snapshot.Snapshot
	}{{stPath, wantSt}, {prPath, wantPr}} {
		got, err := snapshot.Load(tt.path)
		if err != nil {
			t.Fatalf("load %s: %v", tt.path, err)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s does not load back to the generated snapshot (-generated +loaded):\n%s", tt.path, diff)
		}
	}
}

// compare runs the real pipeline on a generated pair.
func compare(t *testing.T, g *gen) (st, pr *normalize.Environment, r *diff.Result) {
	t.Helper()
	st, pr, err := normalize.Pair(g.snapshot(stagingEnv), g.snapshot(productionEnv), normalize.Config{})
	if err != nil {
		t.Fatalf("pair: %v", err)
	}
	return st, pr, diff.Compare(st, pr)
}

func changedResources(r *diff.Result) []string {
	seen := map[string]bool{}
	for _, c := range r.Changes {
		seen[c.Resource] = true
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestRewritesAreNotDifferences applies a textual rewrite to every
// production resource and no drift: the normalizer must see no change.
func TestRewritesAreNotDifferences(t *testing.T) {
	_, _, r := compare(t, newGen(3000, 11, 0, 1))
	if len(r.Changes) != 0 {
		n := min(len(r.Changes), 10)
		var lines []string
		for _, c := range r.Changes[:n] {
			lines = append(lines, fmt.Sprintf("%s %s %s staging=%v production=%v", c.Action, c.Resource, c.Path, c.Staging, c.Production))
		}
		t.Errorf("meaning-preserving rewrites produced %d changes, first %d:\n%s", len(r.Changes), n, strings.Join(lines, "\n"))
	}
}

// TestEveryDriftIsADifference drifts every resource that has a drift of
// its kind: each must show up as at least one change. The one exception is
// by meaning: a role widened to "*" under a permissions boundary it keeps
// on both sides gains nothing the boundary does not allow, so no change is
// the right answer there.
func TestEveryDriftIsADifference(t *testing.T) {
	a, b, r := compare(t, newGen(1000, 5, 1, 0))
	keys := map[string]bool{}
	for _, e := range []*normalize.Environment{a, b} {
		for k, res := range e.Resources {
			if res.Kind != normalize.KindOIDCProvider {
				keys[k] = true
			}
		}
	}
	changed := map[string]bool{}
	for _, k := range changedResources(r) {
		changed[k] = true
	}
	bounded := func(k string) bool {
		s, p := a.Resources[k], b.Resources[k]
		return s != nil && p != nil && s.Attrs["permissions_boundary"] != "" && s.Attrs["permissions_boundary"] == p.Attrs["permissions_boundary"]
	}
	var missing []string
	for k := range keys {
		if !changed[k] && !bounded(k) {
			missing = append(missing, k)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("%d drifted resources show no change, e.g. %v", len(missing), missing[:min(len(missing), 10)])
	}
}

// TestDefaultDriftIsSmall checks the default rates give a diff of the
// intended size: a few percent of resources, not zero, not most.
func TestDefaultDriftIsSmall(t *testing.T) {
	const n = 5000
	_, _, r := compare(t, newGen(n, 2, DriftRate, RewriteRate))
	got := len(changedResources(r))
	if got < n/200 || got > n*driftBoundPct/100 {
		t.Errorf("%d of %d resources changed, want between %d and %d", got, n, n/200, n*driftBoundPct/100)
	}
}
