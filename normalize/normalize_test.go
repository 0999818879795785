package normalize

import (
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parity-sec/parity/collectors/snapshot"
	"github.com/parity-sec/parity/normalize/iameval"
)

func TestTokenizer(t *testing.T) {
	tok := newTokenizer("staging", "production", "111111111111", "222222222222",
		map[string][]string{"staging": {"stg"}, "production": {"prd", "prod"}})
	cases := map[string]string{
		"payments-api-staging":                   "payments-api-${env}",
		"PaymentsApiStaging":                     "PaymentsApi${env}",
		"payments_stg_worker":                    "payments_${env}_worker",
		"stagingarea":                            "stagingarea",
		"arn:aws:iam::111111111111:root":         "arn:aws:iam::${self_account}:root",
		"arn:aws:iam::222222222222:role/prod-ci": "arn:aws:iam::${peer_account}:role/${peer_env}-ci",
		"arn:aws:iam::333333333333:root":         "arn:aws:iam::333333333333:root",
		"1111111111112":                          "1111111111112",
		"":                                       "",
		"/payments/production/db-password":       "/payments/${peer_env}/db-password",
		"alias/payments-STAGING":                 "alias/payments-${env}",
		// parity's own tokens written literally are escaped, never read.
		"x-${env}":                 "x-${$}{env}",
		"${peer_account}":          "${$}{peer_account}",
		"x-${$}{env}":              "x-${$}{$}{env}",
		"${staging}":               "${${env}}",
		"bucket/${aws:username}/*": "bucket/${aws:username}/*",
		"$${env}":                  "$${$}{env}",
	}
	for in, want := range cases {
		if got := tok.apply(in); got != want {
			t.Errorf("apply(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCovers(t *testing.T) {
	cases := []struct {
		a, b string
		want bool
	}{
		{"*", "s3:getobject", true},
		{"s3:*", "s3:getobject", true},
		{"s3:get*", "s3:getobject", true},
		{"s3:get*", "s3:*", false},
		{"s3:*", "s3:get*", true},
		{"s3:getobjec?", "s3:getobject", true},
		{"a?c", "a*c", false},
		{"a*c", "a?c", true},
		{"s3:getobject", "s3:putobject", false},
		{"arn:aws:s3:::b/*", "arn:aws:s3:::b/x/y", true},
		{"arn:aws:s3:::b/*", "arn:aws:s3:::c/x", false},
	}
	for _, c := range cases {
		if got := covers(c.a, c.b); got != c.want {
			t.Errorf("covers(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestParseDocumentErrors(t *testing.T) {
	cases := map[string]string{
		`[]`:                       "not a JSON object",
		`{"Version":"2012-10-17"}`: "no Statement",
		`{"Statement":"x"}`:        "Statement: want an object",
		`{"Statement":[{"Effect":"Alow","Action":"s3:*"}]}`:                                          `statement 1: Effect "Alow" is not Allow or Deny`,
		`{"Statement":[{"Effect":"Allow"}]}`:                                                         "statement 1: no Action or NotAction",
		`{"Statement":[{"Effect":"Allow","Action":3}]}`:                                              "statement 1: Action: want a string or a list of strings",
		`{"Statement":[{"Effect":"Allow","Action":"a","NotAction":"b"}]}`:                            "both Action and NotAction",
		`{"Statement":[{"Effect":"Allow","Action":"a","Principal":"me"}]}`:                           `Principal "me"`,
		`{"Statement":[{"Effect":"Allow","Action":"a","Condition":{"StringEquals":{"k":{"x":1}}}}]}`: "Condition",
	}
	for doc, want := range cases {
		_, err := ParseDocument(doc)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseDocument(%s) error = %v, want it to contain %q", doc, err, want)
		}
	}
}

func TestParseDocumentPrincipals(t *testing.T) {
	st, err := ParseDocument(`{"Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"AWS":["*","123456789012"],"Service":"EC2.amazonaws.com"}}]}`)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"*", "AWS:arn:aws:iam::123456789012:root", "Service:ec2.amazonaws.com"}
	if d := cmp.Diff(want, st[0].Principals); d != "" {
		t.Errorf("principals (-want +got):\n%s", d)
	}
}

func FuzzParseDocument(f *testing.F) {
	seeds := []string{
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`,
		`{"Statement":{"Effect":"Deny","NotAction":["iam:*"],"NotResource":"arn:aws:iam::1:role/x","Condition":{"Bool":{"aws:SecureTransport":false}}}}`,
		`{"Statement":[{"Effect":"Allow","Principal":{"AWS":"111111111111","Federated":"cognito"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringLike":{"token.actions.githubusercontent.com:sub":["repo:o/r:*"]},"NumericLessThan":{"x":5}}}]}`,
		`{}`, `null`, `[`, `{"Statement":[null]}`,
	}
	for _, s := range seeds {
		f.Add(s)
	}
	tok := newTokenizer("staging", "production", "111111111111", "222222222222", nil)
	f.Fuzz(func(t *testing.T, doc string) {
		st, err := ParseDocument(doc)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error spans lines: %q", err)
			}
			return
		}
		gs := canonicalGrants(tok.grantsOf(st))
		again := canonicalGrants(tok.grantsOf(st))
		if d := cmp.Diff(gs, again); d != "" {
			t.Fatalf("canonical grants not deterministic:\n%s", d)
		}
	})
}

// TestUnknownActionIsWarnedNotDropped: an action the catalogue lacks stays
// in the evaluator as written, and the resource's evidence names it.
func TestUnknownActionIsWarnedNotDropped(t *testing.T) {
	s := &snapshot.Snapshot{SchemaVersion: 1, Environment: "staging", AccountID: "111111111111"}
	s.Identity.Roles = []snapshot.Role{{Name: "app-staging", ARN: "arn:aws:iam::111111111111:role/app-staging",
		InlinePolicies: []snapshot.InlinePolicy{{Name: "p", Document: `{"Statement":[{"Effect":"Allow","Action":["s3:GetObject","madeup:DoThing"],"Resource":"*"}]}`}}}}
	env, err := Normalize(s, nil, Config{})
	if err != nil {
		t.Fatal(err)
	}
	r := env.Resources["iam_role/global/app-${env}"]
	ws, _ := r.Info["evaluation_warnings"].([]any)
	found := false
	for _, w := range ws {
		found = found || strings.Contains(w.(string), "madeup:DoThing") || strings.Contains(w.(string), "madeup:dothing")
	}
	if !found {
		t.Fatalf("evaluation_warnings = %v, want the unknown action named", ws)
	}
	if !r.Sem.Identity["permissions"].Allows(iameval.Request{Action: "madeup:DoThing", Resource: "x"}) {
		t.Error("the unknown action was dropped: the role no longer allows it")
	}
}

// TestBuiltinArgumentErrorsSpeakJSON: a Rego author who passes the wrong
// value to a parity.* built-in reads JSON kinds, not Go type names.
func TestBuiltinArgumentErrorsSpeakJSON(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{
		{errOf(StatementsFromGrants(map[string]any{})), "grants: want a list of grant objects, got an object"},
		{errOf(StatementsFromGrants([]any{map[string]any{"effect": "Allow", "action": 3.0}})), "grant 0: action: want a string or a list of strings, got a number"},
		{errOf(SetFromTuples("x")), "tuples: want a list of network tuples, got a string"},
	} {
		if tc.err == nil || tc.err.Error() != tc.want {
			t.Errorf("error %v, want %q", tc.err, tc.want)
		}
	}
}

func errOf[T any](_ T, err error) error { return err }

// FuzzParseFast holds the one-pass parser to the careful one: a document
// the fast path accepts, the careful path accepts with the same statements
// (and the fast path may decline anything, which the careful path then
// words). Condition values merged from operators that differ only in case
// are compared as sets: both paths merge them in map order.
func FuzzParseFast(f *testing.F) {
	for _, s := range []string{
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`,
		`{"Statement":{"Effect":"Deny","NotAction":["iam:*"],"NotResource":"arn:aws:iam::1:role/x","Condition":{"Bool":{"aws:SecureTransport":false}}}}`,
		`{"Statement":[{"Effect":"Allow","Principal":{"AWS":"111111111111","Federated":"cognito"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringLike":{"token.actions.githubusercontent.com:sub":["repo:o/r:*"]},"NumericLessThan":{"x":5}}}]}`,
		`{"statement":[{"effect":"allow","action":["A","b"],"resource":"*","principal":"*"}]}`,
		`{"Statement":[{"Effect":"Allow","Action":"a","Action":"b"}]}`,
		`{"Statement":[{"Effect":"Allow","Action":"a","action":"b"}]}`,
		`{"Statement":[{"Effect":"Allow","Action":"a","Re\u017Fource":"r"}]}`,
		`{"Statement":[{"Effect":"Allow","Action":"a","Condition":{"StringEquals":{"k":["1",2,true]},"stringequals":{"k":"x"}}}]}`,
		`{"Statement":[{"Effect":"Allow","Action":"a"}]} x`,
		`{"Statement":[{"Effect":"Allow","Action":["a",null]}]}`,
		`{"Statement":[{"Effect":"Allow","Action":"a","Principal":{"AWS":null}}]}`,
		`{}`, `null`, `[`, `{"Statement":[null]}`,
	} {
		f.Add(s)
	}
	sorted := func(sts []Statement) []Statement {
		for _, st := range sts {
			for _, keys := range st.Condition {
				for _, v := range keys {
					sort.Strings(v)
				}
			}
		}
		return sts
	}
	f.Fuzz(func(t *testing.T, doc string) {
		fast, ok := parseFast(doc)
		if !ok {
			return
		}
		careful, err := parseCareful(doc)
		if err != nil {
			t.Fatalf("the fast path accepts %q, the careful one says %v", doc, err)
		}
		if d := cmp.Diff(sorted(careful), sorted(fast)); d != "" {
			t.Fatalf("paths disagree on %q (-careful +fast):\n%s", doc, d)
		}
	})
}

// TestGrantKeysAreInjective: the NUL that joins a grant's key parts cannot
// come from policy text, so documents that differ in meaning never share
// a canonical digest (equal digests make the differ skip the comparison).
func TestGrantKeysAreInjective(t *testing.T) {
	tok := newTokenizer("staging", "production", "111111111111", "222222222222", nil)
	digest := func(doc string) string {
		st, err := ParseDocument(doc)
		if err != nil {
			t.Fatal(err)
		}
		return keptDigest(keptGrants(tok.grantsOf(st)))
	}
	pairs := [][2]string{
		{`{"Statement":[{"Effect":"Allow","NotAction":["iam:*\u0000kms:*"],"Resource":"*"}]}`,
			`{"Statement":[{"Effect":"Allow","NotAction":["iam:*","kms:*"],"Resource":"*"}]}`},
		{`{"Statement":[{"Effect":"Allow","Action":"s3:a\u0000b","Resource":"c"}]}`,
			`{"Statement":[{"Effect":"Allow","Action":"s3:a","Resource":"b\u0000c"}]}`},
		{`{"Statement":[{"Effect":"Allow","NotAction":["a\u0001\u0002b"],"Resource":"*"}]}`,
			`{"Statement":[{"Effect":"Allow","NotAction":["a\u0000b"],"Resource":"*"}]}`},
	}
	for _, p := range pairs {
		if digest(p[0]) == digest(p[1]) {
			t.Errorf("%s and %s share a digest", p[0], p[1])
		}
	}
	// Real text keys as before: nothing to stuff.
	if got := keyPart("arn:aws:s3:::b/*"); got != "arn:aws:s3:::b/*" {
		t.Errorf("keyPart changed a plain string: %q", got)
	}
}
