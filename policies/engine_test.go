package policies

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/parity-sec/parity/collectors/snapshot"
	"github.com/parity-sec/parity/diff"
	"github.com/parity-sec/parity/diff/crossing"
	"github.com/parity-sec/parity/normalize"
)

var testNow = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

func env(name, account string, rs ...*normalize.Resource) *normalize.Environment {
	e := &normalize.Environment{Name: name, AccountID: account, Resources: map[string]*normalize.Resource{}}
	for _, r := range rs {
		e.Resources[r.Key] = r
	}
	return e
}

func role(name string, trust ...map[string]any) *normalize.Resource {
	ts := make([]any, len(trust))
	for i, g := range trust {
		ts[i] = g
	}
	return &normalize.Resource{
		Key: "iam_role/global/" + name, Kind: normalize.KindRole, Area: "identity", Region: "global", Name: name,
		Attrs: map[string]any{"trust": ts, "permissions": []any{}},
		Info:  map[string]any{"name": name},
	}
}

func TestEvaluateCrossEnvTrust(t *testing.T) {
	ctx := context.Background()
	e, err := New(ctx, Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	// Paths are traced from normalized snapshots: the evaluator needs the
	// compiled trust policies, which only normalize builds.
	trust := func(acct string) snapshot.Document {
		return snapshot.Document(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + acct + `:root"},"Action":"sts:AssumeRole"}]}`)
	}
	st, pr, err := normalize.Pair(
		&snapshot.Snapshot{SchemaVersion: 1, Environment: "staging", AccountID: "111111111111", Identity: snapshot.Identity{Roles: []snapshot.Role{
			{Name: "deploy-staging", ARN: "arn:aws:iam::111111111111:role/deploy-staging", TrustPolicy: trust("111111111111")}}}},
		&snapshot.Snapshot{SchemaVersion: 1, Environment: "production", AccountID: "222222222222", Identity: snapshot.Identity{Roles: []snapshot.Role{
			{Name: "deploy-production", ARN: "arn:aws:iam::222222222222:role/deploy-production", TrustPolicy: trust("111111111111")}}}},
		normalize.Config{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := e.Evaluate(ctx, st, pr, nil)
	if err != nil {
		t.Fatal(err)
	}
	var f *Finding
	for i := range got {
		if got[i].Rule == "identity.cross_env_trust" {
			f = &got[i]
		}
	}
	if f == nil {
		t.Fatalf("no cross_env_trust finding in %+v", got)
	}
	witness := map[string]any{
		"principal": "arn:aws:iam::111111111111:root", "action": "sts:assumerole", "resource": "arn:aws:iam::222222222222:role/deploy-production",
		"context": map[string]any{
			"aws:principalaccount": []any{"111111111111"}, "aws:principalarn": []any{"arn:aws:iam::111111111111:root"},
			"kms:calleraccount": []any{"111111111111"},
		},
	}
	want := Finding{
		ID: f.ID, Rule: "identity.cross_env_trust", Title: "Role assumable from the other environment's account",
		Category: "identity", Severity: "critical", Resource: "iam_role/global/deploy-${env}", Kind: "iam_role",
		Message:     "production role arn:aws:iam::222222222222:role/deploy-production (account 222222222222) can be assumed from the staging account 111111111111, e.g. by arn:aws:iam::111111111111:root; the production side is weaker",
		Production:  map[string]any{"arn": "arn:aws:iam::222222222222:role/deploy-production", "account_id": "222222222222", "grade": "other", "witness": witness},
		Staging:     map[string]any{"account_id": "111111111111", "principal": "arn:aws:iam::111111111111:root"},
		Remediation: f.Remediation, References: f.References,
	}
	if diff := cmp.Diff(want, *f); diff != "" {
		t.Errorf("finding (-want +got):\n%s", diff)
	}
	if len(f.ID) != 16 || f.Remediation == "" || len(f.References) == 0 {
		t.Errorf("id %q, remediation %q, references %v: want 16 hex, text, refs", f.ID, f.Remediation, f.References)
	}
	// The id must not depend on the clock.
	e2, err := New(ctx, Options{Now: testNow.Add(48 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	again, err := e2.Evaluate(ctx, st, pr, nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(got, again); diff != "" {
		t.Errorf("findings changed with the clock (-first +second):\n%s", diff)
	}
}

func TestNewUserPolicyErrors(t *testing.T) {
	tests := []struct {
		name, file, src, want string
	}{
		{
			name: "parse error",
			file: "bad.rego",
			src:  "package parity.rules.identity.bad\n\nfinding contains f if {\n  f := \n}\n",
			want: "bad.rego:5: ",
		},
		{
			name: "compile error",
			file: "undef.rego",
			src:  "package parity.rules.identity.undef\n\nfinding contains f if {\n  f := nothing_here(1)\n}\n",
			want: "undef.rego:4: ",
		},
		{
			name: "network builtin denied",
			file: "net.rego",
			src:  "package parity.rules.identity.net\n\nfinding contains f if {\n  f := http.send({\"method\": \"get\", \"url\": \"http://x\"})\n}\n",
			want: "net.rego:4: ",
		},
		{
			name: "missing metadata",
			file: "nometa.rego",
			src:  "package parity.rules.identity.nometa\n\nfinding contains {\"resource\": \"x\", \"message\": \"y\"} if true\n",
			want: "nometa.rego:1: rule identity.nometa: METADATA title is required",
		},
		{
			name: "wrong package depth",
			file: "deep.rego",
			src:  "# METADATA\n# title: t\n# custom:\n#   severity: low\npackage parity.rules.identity.a.b\n\nfinding contains {\"resource\": \"x\", \"message\": \"y\"} if true\n",
			want: "deep.rego:5: package parity.rules.identity.a.b: a rule's package must be parity.rules.<area>.<rule_name>",
		},
		{
			name: "shadows a built-in",
			file: "shadow.rego",
			src:  "package parity.rules.identity.cross_env_trust\n\nx := 1\n",
			want: "shadow.rego:1: package parity.rules.identity.cross_env_trust is reserved for parity's built-in rules; choose another name",
		},
		{
			name: "adds a body to the library",
			file: "lib.rego",
			src:  "package parity.lib\n\ncovered(_, _) if true\n",
			want: "lib.rego:1: package parity.lib is reserved for parity's built-in rules; choose another name",
		},
		{
			name: "ref head into a built-in rule",
			file: "ref.rego",
			src:  "package parity.rules.identity\n\nwider_permissions.x := 1\n",
			want: "ref.rego:3: package parity.rules.identity.wider_permissions is reserved for parity's built-in rules; choose another name",
		},
		{
			name: "variable key reaching the library",
			file: "var.rego",
			src:  "package parity\n\nlib[x] := 1 if x := \"covered\"\n",
			want: "var.rego:3: package parity.lib is reserved for parity's built-in rules; choose another name",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, tc.file), tc.src)
			_, err := New(context.Background(), Options{PolicyDirs: []string{dir}})
			if err == nil {
				t.Fatal("New succeeded, want error")
			}
			msg := strings.TrimPrefix(err.Error(), dir+string(filepath.Separator))
			if !strings.HasPrefix(msg, tc.want) || strings.Contains(msg, "\n") {
				t.Errorf("error %q: want one line starting %q", msg, tc.want)
			}
		})
	}
}

func TestUserPolicy(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "long_session.rego"), `# METADATA
# title: Production role allows long sessions
# description: Sessions longer than an hour outlive a deploy.
# custom:
#   category: identity
#   severity: low
#   remediation: Set max_session_duration to 3600.
package parity.rules.identity.long_session

finding contains f if {
	some key in input.production.kinds.iam_role
	r := input.production.resources[key]
	r.attrs.max_session_duration > 3600
	f := {"resource": key, "message": "long session", "production": r.attrs.max_session_duration}
}
`)
	ctx := context.Background()
	e, err := New(ctx, Options{PolicyDirs: []string{dir}, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	var info *RuleInfo
	for _, r := range e.Rules() {
		if r.ID == "identity.long_session" {
			info = &r
		}
	}
	if info == nil || info.Source != SourceUser || info.Severity != "low" || info.Title != "Production role allows long sessions" {
		t.Fatalf("rule info = %+v", info)
	}
	r := role("app")
	r.Attrs["max_session_duration"] = 43200
	got, err := e.Evaluate(ctx, env("staging", "1"), env("production", "2", r), nil)
	if err != nil {
		t.Fatal(err)
	}
	var n int
	for _, f := range got {
		if f.Rule == "identity.long_session" {
			n++
			if f.Severity != "low" || f.Category != "identity" {
				t.Errorf("finding = %+v", f)
			}
		}
	}
	if n != 1 {
		t.Errorf("got %d long_session findings, want 1", n)
	}
}

// TestREADMEUserPolicy runs the README's example user policy (copied into
// testdata/userpolicy) through the engine and the tester.
func TestREADMEUserPolicy(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join("testdata", "userpolicy")
	var buf strings.Builder
	passed, failed, err := RunTests(ctx, []string{dir}, &buf)
	if err != nil || failed != 0 || !strings.Contains(buf.String(), "PASS data.parity.rules.identity.long_sessions_test.test_longer_in_production") {
		t.Fatalf("RunTests: passed %d failed %d err %v\n%s", passed, failed, err, buf.String())
	}
	e, err := New(ctx, Options{PolicyDirs: []string{dir}, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	st, pr := role("app"), role("app")
	st.Attrs["max_session_duration"] = 3600
	pr.Attrs["max_session_duration"] = 43200
	fs, err := e.Evaluate(ctx, env("staging", "1", st), env("production", "2", pr), nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range fs {
		got = append(got, f.Rule+" "+f.Severity+" "+f.Message)
	}
	want := []string{"identity.long_sessions low production role app allows 43200-second sessions, staging 3600; production is weaker"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

func TestNewPolicyDirErrors(t *testing.T) {
	file := filepath.Join(t.TempDir(), "x.rego")
	writeFile(t, file, "package x\n")
	for _, dir := range []string{filepath.Join(t.TempDir(), "missing"), file} {
		_, err := New(context.Background(), Options{PolicyDirs: []string{dir}})
		if err == nil || !strings.HasPrefix(err.Error(), "policy directory "+dir+": ") {
			t.Errorf("New(%s) error = %v, want one naming the directory", dir, err)
		}
	}
}

// FuzzUserPolicy loads arbitrary module text as a user policy: the engine
// must not panic, and any error must be one line naming the file.
func FuzzUserPolicy(f *testing.F) {
	f.Add("package parity.rules.identity.x\n\nfinding contains {\"resource\": \"k\", \"message\": \"m\"} if true\n")
	f.Add("# METADATA\n# title: t\n# custom:\n#   severity: bogus\npackage parity.rules.network.y\nfinding contains 1 if true\n")
	f.Add("package parity.rules.identity.cross_env_trust\n")
	f.Add("package p\n\nx := http.send({})\n")
	f.Add("# METADATA\n# title: [\npackage q\n")
	f.Fuzz(func(t *testing.T, src string) {
		dir := t.TempDir()
		writeFile(t, filepath.Join(dir, "p.rego"), src)
		_, err := New(context.Background(), Options{PolicyDirs: []string{dir}})
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Errorf("error spans lines: %q", err)
		}
	})
}

func TestBuiltinRuleMetadata(t *testing.T) {
	e, err := New(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	rules := e.Rules()
	if len(rules) < 22 {
		t.Errorf("%d built-in rules, want at least 22", len(rules))
	}
	for i, r := range rules {
		if r.Source != SourceBuiltin || r.Title == "" || r.Description == "" || r.Remediation == "" || len(r.References) == 0 {
			t.Errorf("rule %s lacks metadata: %+v", r.ID, r)
		}
		if !strings.HasPrefix(r.ID, r.Category+".") {
			t.Errorf("rule %s: category %s does not match its package", r.ID, r.Category)
		}
		if i > 0 && areaRank(rules[i-1].Category) == areaRank(r.Category) && rules[i-1].ID >= r.ID {
			t.Errorf("rules not sorted: %s before %s", rules[i-1].ID, r.ID)
		}
	}
}

func TestEvaluateRejectsMalformedFindings(t *testing.T) {
	meta := "# METADATA\n# title: t\n# custom:\n#   severity: low\n"
	tests := []struct{ name, body, want string }{
		{"not an object", `finding contains "x" if true`, "a finding must be an object"},
		{"no resource", `finding contains {"message": "m"} if true`, "needs a non-empty resource and message"},
		{"bad severity", `finding contains {"resource": "r", "message": "m", "severity": "urgent"} if true`, `finding severity "urgent" is not a severity`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "r.rego"), meta+"package parity.rules.logging.bad\n\n"+tc.body+"\n")
			e, err := New(context.Background(), Options{PolicyDirs: []string{dir}})
			if err != nil {
				t.Fatal(err)
			}
			_, err = e.Evaluate(context.Background(), env("staging", "1"), env("production", "2"), nil)
			if err == nil || !strings.Contains(err.Error(), "rule logging.bad") || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Evaluate error = %v, want one naming the rule and %q", err, tc.want)
			}
		})
	}
}

// TestEvaluateTracedAgrees: findings from paths traced by the caller are
// the findings Evaluate gives when it traces them itself.
func TestEvaluateTracedAgrees(t *testing.T) {
	st, pr := syntheticPair(t, 1000)
	ctx := context.Background()
	e, err := New(ctx, Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	d := diff.Compare(st, pr)
	want, err := e.Evaluate(ctx, st, pr, d)
	if err != nil {
		t.Fatal(err)
	}
	got, err := e.EvaluateTraced(ctx, st, pr, d, crossing.Trace(st, pr))
	if err != nil {
		t.Fatal(err)
	}
	ids := func(fs []Finding) []string {
		out := make([]string, len(fs))
		for i, f := range fs {
			out[i] = f.ID
		}
		return out
	}
	if len(want) == 0 || !slices.Equal(ids(want), ids(got)) {
		t.Errorf("EvaluateTraced gave %d findings, Evaluate %d (or the ids differ)", len(got), len(want))
	}
}

// TestTraceAsyncRaisesOnTheCaller: a panic while tracing on TraceAsync's
// goroutine is raised again by the waiting caller (where a recover or the
// command's error handling can see it), not on a goroutine of its own,
// which would end the process.
func TestTraceAsyncRaisesOnTheCaller(t *testing.T) {
	wait := async(func() *crossing.Result { panic("tracer bug") })
	defer func() {
		if r := recover(); r != "tracer bug" {
			t.Errorf("recovered %v; want the tracer's panic", r)
		}
	}()
	wait()
	t.Error("the wait returned normally")
}
