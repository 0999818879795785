package policies

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestValidateWaivers(t *testing.T) {
	ok := Waiver{Rule: "identity.*", Resource: "iam_role/*", Reason: "vendor", Owner: "sec@x", Expires: "2027-01-31"}
	with := func(f func(*Waiver)) []Waiver { w := ok; f(&w); return []Waiver{ok, w} }
	tests := []struct {
		name string
		ws   []Waiver
		want string
	}{
		{"valid", []Waiver{ok}, ""},
		{"none", nil, ""},
		{"no reason", with(func(w *Waiver) { w.Reason = " " }), "waivers[1].reason: required"},
		{"no owner", with(func(w *Waiver) { w.Owner = "" }), "waivers[1].owner: required"},
		{"no expiry", with(func(w *Waiver) { w.Expires = "" }), "waivers[1].expires: required"},
		{"no rule", with(func(w *Waiver) { w.Rule = "" }), "waivers[1].rule: required"},
		{"bad glob", with(func(w *Waiver) { w.Resource = "iam_role/[" }), `waivers[1].resource: "iam_role/[" is not a valid glob`},
		{"bad date", with(func(w *Waiver) { w.Expires = "31/01/2027" }), `waivers[1].expires: "31/01/2027" is not a date (want YYYY-MM-DD)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := ValidateWaivers(tc.ws)
			got := ""
			if err != nil {
				got = err.Error()
			}
			if tc.want == "" && got != "" || tc.want != "" && !strings.HasPrefix(got, tc.want) {
				t.Errorf("ValidateWaivers = %q, want prefix %q", got, tc.want)
			}
		})
	}
}

func TestApplyWaivers(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	fs := []Finding{
		{ID: "a", Rule: "identity.wider_permissions", Resource: "iam_role/global/app-${env}"},
		{ID: "b", Rule: "network.open_ingress", Resource: "security_group/eu-west-1/vpc/web"},
		{ID: "c", Rule: "secrets.rotation", Resource: "secret/eu-west-1/db"},
	}
	ws := []Waiver{
		{Rule: "identity.*", Resource: "iam_role/*", Reason: "migration", Owner: "platform", Expires: "2026-11-23"}, // last day: live
		{Rule: "network.open_ingress", Resource: "*", Reason: "public web", Owner: "web", Expires: "2026-11-22"},    // expired yesterday
		{Rule: "logging.*", Resource: "*", Reason: "old", Owner: "ops", Expires: "2027-01-01"},                      // matches nothing
	}
	got, problems := ApplyWaivers(fs, ws, now)
	want := []Finding{
		{ID: "a", Rule: "identity.wider_permissions", Resource: "iam_role/global/app-${env}", Waived: true,
			Waiver: &WaiverMatch{Rule: "identity.*", Resource: "iam_role/*", Reason: "migration", Owner: "platform", Expires: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)}},
		fs[1], fs[2],
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	wantP := []WaiverProblem{
		{Problem: "expired", Rule: "network.open_ingress", Resource: "*", Owner: "web", Reason: "public web", Expires: "2026-11-22"},
		{Problem: "stale", Rule: "logging.*", Resource: "*", Owner: "ops", Reason: "old", Expires: "2027-01-01"},
	}
	if diff := cmp.Diff(wantP, problems); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if fs[0].Waived {
		t.Error("ApplyWaivers modified its input")
	}
}

func TestGlobMatch(t *testing.T) {
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{"iam_role/*", "iam_role/global/app-${env}", true},
		{"*/global/app-${env}", "iam_role/global/app-${env}", true},
		{"iam_role/global/app-?", "iam_role/global/app-x", true},
		{"iam_user/*", "iam_role/global/x", false},
		{"identity.wider_permissions", "identity.wider_permissions", true},
		{"identity.wider", "identity.wider_permissions", false},
		{"[", "[", false},
	}
	for _, tc := range tests {
		if got := globMatch(tc.pattern, tc.s); got != tc.want {
			t.Errorf("globMatch(%q, %q) = %v, want %v", tc.pattern, tc.s, got, tc.want)
		}
	}
}

// FuzzWaivers feeds parity.yaml-controlled strings through validation and
// matching: neither may panic, and a valid waiver without glob
// metacharacters must match its own rule and resource.
func FuzzWaivers(f *testing.F) {
	f.Add("identity.*", "iam_role/*", "2026-12-31", "iam_role/global/x")
	f.Add("[", "\\", "2026-02-30", "")
	f.Add("a/b", "a\x00b", "9999-99-99", "a/b")
	f.Fuzz(func(t *testing.T, rule, resource, expires, key string) {
		w := Waiver{Rule: rule, Resource: resource, Reason: "r", Owner: "o", Expires: expires}
		err := ValidateWaivers([]Waiver{w})
		out, _ := ApplyWaivers([]Finding{{Rule: rule, Resource: key}}, []Waiver{w}, time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC))
		if len(out) != 1 {
			t.Fatalf("ApplyWaivers returned %d findings, want 1", len(out))
		}
		if err == nil && !strings.ContainsAny(rule+resource, "*?[\\\x00") && strings.TrimSpace(rule) == rule {
			if !globMatch(rule, rule) {
				t.Errorf("valid literal rule %q does not match itself", rule)
			}
		}
	})
}

func TestBroadAndLongWaivers(t *testing.T) {
	now := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	ws := []Waiver{
		{Rule: "*", Resource: "*", Reason: "r", Owner: "o", Expires: "9999-12-31"},
		{Rule: "identity.*", Resource: "*", Reason: "r", Owner: "o", Expires: "2027-11-23"},
		{Rule: "identity.*", Resource: "iam_role/*", Reason: "r", Owner: "o", Expires: "2027-11-24"},
	}
	if err := RefuseBroadWaivers(ws, WaiverRules{}); err == nil || !strings.HasPrefix(err.Error(), "waivers[0]: ") {
		t.Errorf("RefuseBroadWaivers = %v, want waivers[0] refused", err)
	}
	if err := RefuseBroadWaivers(ws, WaiverRules{AllowBroad: true}); err != nil {
		t.Errorf("with AllowBroad: %v", err)
	}
	if err := RefuseBroadWaivers(ws[1:], WaiverRules{}); err != nil {
		t.Errorf("narrow waivers refused: %v", err)
	}
	fs := []Finding{{Rule: "identity.x", Resource: "iam_role/global/a", Severity: SeverityCritical}}
	out, problems := ApplyWaiversWith(fs, ws, now, WaiverRules{AllowBroad: true})
	if !out[0].Waived {
		t.Error("a broad waiver still waives once allowed")
	}
	var got []string
	for _, p := range problems {
		got = append(got, p.Problem+" "+p.Rule+" "+p.Resource)
	}
	want := []string{"broad * *", "long-term * *", "long-term identity.* iam_role/*"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}
