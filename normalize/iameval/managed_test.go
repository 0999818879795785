package iameval

import (
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
	"time"
)

// The AWS managed policies are the corpus normalize already keeps for its
// own tests (moto's bundled copy); this package reads it from there.
const managedCorpus = "../testdata/aws-managed-policies.json.gz"

var managedFlag = flag.Bool("iameval.managed", false, "compare every AWS managed policy with itself")

type managed struct {
	name  string
	stmts []Statement
}

func loadManaged(tb testing.TB) []managed {
	tb.Helper()
	f, err := os.Open(managedCorpus)
	if err != nil {
		tb.Skipf("managed policy corpus: %v", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatal(err)
	}
	var docs map[string]json.RawMessage
	if err := json.NewDecoder(zr).Decode(&docs); err != nil {
		tb.Fatal(err)
	}
	var out []managed
	for name, raw := range docs {
		stmts, err := parseDoc(raw)
		if err != nil {
			tb.Fatalf("%s: %v", name, err)
		}
		out = append(out, managed{name, stmts})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// parseDoc is a minimal policy reader for the corpus (normalize owns the
// real one and cannot be imported from here).
func parseDoc(raw json.RawMessage) ([]Statement, error) {
	var doc struct{ Statement json.RawMessage }
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, err
	}
	var list []map[string]json.RawMessage
	if err := json.Unmarshal(doc.Statement, &list); err != nil {
		var one map[string]json.RawMessage
		if err := json.Unmarshal(doc.Statement, &one); err != nil {
			return nil, err
		}
		list = append(list, one)
	}
	strs := func(r json.RawMessage) []string {
		var s string
		if json.Unmarshal(r, &s) == nil {
			return []string{s}
		}
		var l []string
		_ = json.Unmarshal(r, &l)
		return l
	}
	var out []Statement
	for _, m := range list {
		var st Statement
		_ = json.Unmarshal(m["Effect"], &st.Effect)
		if r, ok := m["NotAction"]; ok {
			st.Actions, st.NotAction = strs(r), true
		} else {
			st.Actions = strs(m["Action"])
		}
		if r, ok := m["NotResource"]; ok {
			st.Resources, st.NotResource = strs(r), true
		} else if r, ok := m["Resource"]; ok {
			st.Resources = strs(r)
		}
		if r, ok := m["Condition"]; ok {
			var c map[string]map[string]any
			if err := json.Unmarshal(r, &c); err != nil {
				return nil, fmt.Errorf("condition: %w", err)
			}
			st.Condition = map[string]map[string][]string{}
			for op, keys := range c {
				lop := strings.ToLower(op)
				st.Condition[lop] = map[string][]string{}
				for k, v := range keys {
					var vals []string
					switch t := v.(type) {
					case []any:
						for _, x := range t {
							vals = append(vals, fmt.Sprint(x))
						}
					default:
						vals = []string{fmt.Sprint(t)}
					}
					st.Condition[lop][strings.ToLower(k)] = vals
				}
			}
		}
		out = append(out, st)
	}
	return out, nil
}

// corpusCatalog is the catalog the managed-policy tests use: the real one
// when linked in, else every literal action the corpus names.
func corpusCatalog(ms []managed) Catalog {
	if c := DefaultCatalog(); len(c.Services()) > 0 {
		return c
	}
	set := map[string]map[string]bool{}
	for _, m := range ms {
		for _, st := range m.stmts {
			for _, a := range st.Actions {
				svc, act, ok := strings.Cut(a, ":")
				if !ok || strings.ContainsAny(a, "*?") {
					continue
				}
				svc = strings.ToLower(svc)
				if set[svc] == nil {
					set[svc] = map[string]bool{}
				}
				set[svc][act] = true
			}
		}
	}
	f := fakeCatalog{}
	for svc, acts := range set {
		for a := range acts {
			f[svc] = append(f[svc], a)
		}
		sort.Strings(f[svc])
	}
	return &f
}

// TestManagedPolicies: every AWS managed policy compiles, equals itself,
// and only the administrator policies are admin-equivalent.
func TestManagedPolicies(t *testing.T) {
	if !*managedFlag {
		t.Skip("-iameval.managed not set")
	}
	ms := loadManaged(t)
	cat := corpusCatalog(ms)
	start := time.Now()
	var admins []string
	for _, m := range ms {
		id := Identity{Policies: CompileWith(m.stmts, cat)}
		if AdminEquivalent(id) {
			admins = append(admins, m.name)
		}
		if v := CompareIdentity(id, id); v.Relation != Equal {
			t.Errorf("%s: not equal to itself: %+v", m.name, v)
		}
	}
	t.Logf("%d policies in %v; admin-equivalent: %v", len(ms), time.Since(start), admins)
	if len(admins) == 0 || admins[0] != "AdministratorAccess" && !strings.Contains(strings.Join(admins, ","), "AdministratorAccess") {
		t.Errorf("AdministratorAccess not admin-equivalent: %v", admins)
	}
}

// BenchmarkManagedPolicies: the effective permissions of every AWS managed
// policy: compile, then decide whether it is admin-equivalent.
func BenchmarkManagedPolicies(b *testing.B) {
	ms := loadManaged(b)
	cat := corpusCatalog(ms)
	universeOf(cat)
	b.ResetTimer()
	for b.Loop() {
		for _, m := range ms {
			AdminEquivalent(Identity{Policies: CompileWith(m.stmts, cat)})
		}
	}
}
