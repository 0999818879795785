package normalize

import (
	"compress/gzip"
	"encoding/json"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parity-sec/parity/normalize/iameval"
)

func loadManagedPolicies(t testing.TB) map[string]json.RawMessage {
	t.Helper()
	f, err := os.Open("testdata/aws-managed-policies.json.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var docs map[string]json.RawMessage
	if err := json.NewDecoder(zr).Decode(&docs); err != nil {
		t.Fatal(err)
	}
	if len(docs) < 1000 {
		t.Fatalf("corpus has %d documents, want the full set", len(docs))
	}
	return docs
}

// TestAWSManagedPolicies: every real AWS managed policy parses, and a
// mechanical meaning-preserving rewrite of it canonicalizes to the same set.
func TestAWSManagedPolicies(t *testing.T) {
	tok := newTokenizer("staging", "production", "111111111111", "222222222222", nil)
	for name, raw := range loadManagedPolicies(t) {
		stmts, err := ParseDocument(string(raw))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		want := canonicalGrants(tok.grantsOf(stmts))
		if len(want) == 0 {
			t.Errorf("%s: no grants", name)
		}
		rewritten, err := rewrite(raw)
		if err != nil {
			t.Fatalf("%s: rewrite: %v", name, err)
		}
		stmts2, err := ParseDocument(rewritten)
		if err != nil {
			t.Errorf("%s: rewritten document: %v", name, err)
			continue
		}
		if d := cmp.Diff(want, canonicalGrants(tok.grantsOf(stmts2))); d != "" {
			t.Errorf("%s: rewrite changed the grant set (-orig +rewritten):\n%.2000s", name, d)
		}
	}
}

// rewrite reverses statement order, drops Sids, upper-cases actions, turns
// one-element lists into scalars and scalars into lists, and splits every
// multi-action statement into one statement per action.
func rewrite(raw json.RawMessage) (string, error) {
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		return "", err
	}
	var stmts []any
	switch s := doc["Statement"].(type) {
	case []any:
		stmts = s
	default:
		stmts = []any{s}
	}
	var out []any
	for i := len(stmts) - 1; i >= 0; i-- {
		st := stmts[i].(map[string]any)
		delete(st, "Sid")
		for _, k := range []string{"Resource", "NotResource"} {
			if v, ok := st[k]; ok {
				st[k] = flip(v)
			}
		}
		key := "Action"
		if _, ok := st["NotAction"]; ok {
			key = "NotAction"
		}
		actions := asList(st[key])
		if key == "NotAction" {
			// NotAction's list is one statement's meaning; keep it whole.
			st[key] = upper(actions)
			out = append(out, st)
			continue
		}
		for _, a := range actions {
			cp := map[string]any{}
			for k, v := range st {
				cp[k] = v
			}
			cp[key] = strings.ToUpper(a.(string))
			out = append(out, cp)
		}
	}
	doc["Statement"] = out
	b, err := json.Marshal(doc)
	return string(b), err
}

func flip(v any) any {
	switch t := v.(type) {
	case nil:
		return nil
	case []any:
		if len(t) == 1 {
			return t[0]
		}
		return t
	default:
		return []any{t}
	}
}

func asList(v any) []any {
	if l, ok := v.([]any); ok {
		return l
	}
	return []any{v}
}

func upper(l []any) []any {
	out := make([]any, len(l))
	for i, a := range l {
		out[i] = strings.ToUpper(a.(string))
	}
	return out
}

func BenchmarkReadOnlyAccess(b *testing.B) {
	raw := loadManagedPolicies(b)["ReadOnlyAccess"]
	tok := newTokenizer("staging", "production", "111111111111", "222222222222", nil)
	b.ReportAllocs()
	for b.Loop() {
		stmts, err := ParseDocument(string(raw))
		if err != nil {
			b.Fatal(err)
		}
		canonicalGrants(tok.grantsOf(stmts))
	}
}

// BenchmarkManagedPoliciesEffective computes the effective permissions of
// every AWS managed policy as parity does, over the embedded catalogue:
// parse, tokenize, compile and decide admin-equivalence. Issue 8's target:
// under 2 s for all 1,485.
func BenchmarkManagedPoliciesEffective(b *testing.B) {
	docs := loadManagedPolicies(b)
	tok := newTokenizer("staging", "production", "111111111111", "222222222222", nil)
	for b.Loop() {
		admin := 0
		for _, raw := range docs {
			stmts, err := ParseDocument(string(raw))
			if err != nil {
				b.Fatal(err)
			}
			id := iameval.Identity{Policies: iameval.Compile(tok.evalStatements(stmts))}
			if iameval.AdminEquivalent(id) {
				admin++
			}
		}
		b.ReportMetric(float64(admin), "admin")
	}
}

// TestManagedAdminEquivalence: over the real catalogue, the managed
// policies that are admin-equivalent are exactly the ones that allow "*"
// on "*" (AdministratorAccess and one conditioned twin), and the broad
// read-only policies are not.
func TestManagedAdminEquivalence(t *testing.T) {
	docs := loadManagedPolicies(t)
	tok := newTokenizer("staging", "production", "111111111111", "222222222222", nil)
	var admin []string
	for name, raw := range docs {
		stmts, err := ParseDocument(string(raw))
		if err != nil {
			t.Fatal(err)
		}
		if iameval.AdminEquivalent(iameval.Identity{Policies: iameval.Compile(tok.evalStatements(stmts))}) {
			admin = append(admin, name)
		}
	}
	sort.Strings(admin)
	if !slices.Contains(admin, "AdministratorAccess") || slices.Contains(admin, "ReadOnlyAccess") || slices.Contains(admin, "PowerUserAccess") || len(admin) > 3 {
		t.Errorf("admin-equivalent managed policies: %v", admin)
	}
}

// BenchmarkParseDocument parses every AWS managed policy: the one-pass
// path that valid documents take, and the careful path beside it.
func BenchmarkParseDocument(b *testing.B) {
	docs := loadManagedPolicies(b)
	for _, c := range []struct {
		name  string
		parse func(string) ([]Statement, error)
	}{{"fast", ParseDocument}, {"careful", parseCareful}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, raw := range docs {
					if _, err := c.parse(string(raw)); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
