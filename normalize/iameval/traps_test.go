package iameval

import (
	"slices"
	"testing"
)

func allow(actions []string, resources ...string) Statement {
	return Statement{Effect: "Allow", Actions: actions, Resources: resources}
}

func deny(actions []string, resources ...string) Statement {
	return Statement{Effect: "Deny", Actions: actions, Resources: resources}
}

func notAllow(actions []string, resources ...string) Statement {
	return Statement{Effect: "Allow", Actions: actions, NotAction: true, Resources: resources}
}

func withCond(s Statement, op, key string, vals ...string) Statement {
	if s.Condition == nil {
		s.Condition = map[string]map[string][]string{}
	}
	if s.Condition[op] == nil {
		s.Condition[op] = map[string][]string{}
	}
	s.Condition[op][key] = vals
	return s
}

func trust(principals ...string) Statement {
	return Statement{Effect: "Allow", Principals: principals, Actions: []string{"sts:AssumeRole"}}
}

func ident(stmts ...Statement) Identity { return Identity{Policies: compileT(stmts...)} }

func bounded(b []Statement, stmts ...Statement) Identity {
	return Identity{Policies: compileT(stmts...), Boundary: compileT(b...)}
}

const key = "arn:aws:kms:us-east-1:${self_account}:key/1"

// TestTraps: the cases issue 8 lists, each of which parity got wrong by
// comparing policy text.
func TestTraps(t *testing.T) {
	star := []string{"*"}
	for _, tc := range []struct {
		name       string
		a, b       Identity
		scope      Scope
		want       Relation
		wantAction string // the action of the witness, either direction
	}{
		{name: "split NotAction is a union of complements",
			a:    ident(notAllow([]string{"iam:*", "kms:*"}, "*")),
			b:    ident(notAllow([]string{"iam:*"}, "*"), notAllow([]string{"kms:*"}, "*")),
			want: RightWider},
		{name: "boundary removed from an admin role",
			a:    bounded([]Statement{allow([]string{"s3:*"}, "*")}, allow(star, "*")),
			b:    ident(allow(star, "*")),
			want: RightWider, wantAction: "iam:AttachRolePolicy"},
		{name: "removed Deny",
			a:    ident(allow([]string{"s3:*"}, "*"), deny([]string{"s3:DeleteBucket"}, "*")),
			b:    ident(allow([]string{"s3:*"}, "*")),
			want: RightWider, wantAction: "s3:DeleteBucket"},
		{name: "s3:Get* is its expansion",
			a:    ident(allow([]string{"s3:Get*"}, "*")),
			b:    ident(allow([]string{"s3:GetBucketPolicy", "s3:GetObject", "s3:getobjectacl"}, "*")),
			want: Equal},
		{name: "s3:*Object is its expansion",
			a:    ident(allow([]string{"s3:*Object"}, "arn:aws:s3:::b/*")),
			b:    ident(allow([]string{"s3:GetObject"}, "arn:aws:s3:::b/*"), allow([]string{"s3:PutObject"}, "arn:aws:s3:::b/*")),
			want: Equal},
		{name: "s3:*Object is not s3:*Object*",
			a:    ident(allow([]string{"s3:*Object"}, "*")),
			b:    ident(allow([]string{"s3:*Object*"}, "*")),
			want: RightWider, wantAction: "s3:GetObjectAcl"},
		{name: "NotAction kms:ScheduleKeyDeletion on a key is the other kms actions, within kms",
			a:     ident(notAllow([]string{"kms:ScheduleKeyDeletion"}, key)),
			b:     ident(allow([]string{"kms:Decrypt", "kms:Encrypt"}, key)),
			scope: Scope{Services: []string{"kms"}},
			want:  Equal},
		{name: "NotAction kms:ScheduleKeyDeletion also allows every other service's actions",
			a:    ident(notAllow([]string{"kms:ScheduleKeyDeletion"}, key)),
			b:    ident(allow([]string{"kms:Decrypt", "kms:Encrypt"}, key)),
			want: LeftWider},
		{name: "a grant outside the boundary changes nothing",
			a:    bounded([]Statement{allow([]string{"s3:*"}, "*")}, allow([]string{"s3:GetObject"}, "*")),
			b:    bounded([]Statement{allow([]string{"s3:*"}, "*")}, allow([]string{"s3:GetObject", "iam:PassRole"}, "*")),
			want: Equal},
		{name: "both directions",
			a:    ident(allow([]string{"s3:GetObject", "kms:Decrypt"}, "*")),
			b:    ident(allow([]string{"iam:PassRole", "kms:Decrypt"}, "*")),
			want: BothWider},
		{name: "a Deny cancelling an Allow",
			a:    ident(allow([]string{"s3:GetObject"}, "*")),
			b:    ident(allow([]string{"s3:GetObject"}, "*"), allow([]string{"iam:*"}, "*"), deny([]string{"iam:*"}, "*")),
			want: Equal},
		{name: "StringLike without wildcards is StringEquals",
			a:    ident(withCond(allow(star, "*"), "stringlike", "aws:sourceaccount", "${self_account}")),
			b:    ident(withCond(allow(star, "*"), "stringequals", "aws:sourceaccount", "${self_account}")),
			want: Equal},
		{name: "StringLike with a wildcard is wider",
			a:    ident(withCond(allow(star, "*"), "stringlike", "aws:sourceaccount", "1*")),
			b:    ident(withCond(allow(star, "*"), "stringequals", "aws:sourceaccount", "1*")),
			want: LeftWider},
		{name: "a value list is an OR",
			a: ident(withCond(allow(star, "*"), "stringequals", "aws:sourceaccount", "1", "2")),
			b: ident(withCond(allow(star, "*"), "stringequals", "aws:sourceaccount", "1"),
				withCond(allow(star, "*"), "stringequals", "aws:sourceaccount", "2")),
			want: Equal},
		{name: "IfExists also holds when the key is absent",
			a:    ident(withCond(allow(star, "*"), "stringequalsifexists", "aws:sourceaccount", "1")),
			b:    ident(withCond(allow(star, "*"), "stringequals", "aws:sourceaccount", "1")),
			want: LeftWider},
		{name: "a negated operator holds when the key is absent",
			a:    ident(withCond(allow(star, "*"), "stringnotequals", "aws:sourceaccount", "1")),
			b:    ident(withCond(allow(star, "*"), "stringnotequalsifexists", "aws:sourceaccount", "1")),
			want: Equal},
		{name: "resource wildcard inside a segment does not cross colons",
			a:    ident(allow([]string{"s3:GetObject"}, "arn:aws:s3:::a*b")),
			b:    ident(allow([]string{"s3:GetObject"}, "arn:aws:s3:::a*")),
			want: RightWider},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := CompareIdentityIn(tc.a, tc.b, tc.scope)
			if v.Relation != tc.want {
				t.Fatalf("relation %s, want %s (left %+v right %+v)", v.Relation, tc.want, v.LeftOnly, v.RightOnly)
			}
			for _, w := range []struct {
				w       *Witness
				yes, no Identity
			}{{v.LeftOnly, tc.a, tc.b}, {v.RightOnly, tc.b, tc.a}} {
				if w.w == nil {
					continue
				}
				if !w.yes.Allows(w.w.Request) || w.no.Allows(w.w.Request) {
					t.Errorf("witness %+v does not separate the sides", *w.w)
				}
				if tc.wantAction != "" && w.w.Request.Action != tc.wantAction {
					t.Logf("witness action %s (any separating action is right; %s expected first)", w.w.Request.Action, tc.wantAction)
				}
			}
		})
	}
}

func TestAdminEquivalent(t *testing.T) {
	b := []Statement{allow([]string{"s3:*"}, "*")}
	for _, tc := range []struct {
		name string
		id   Identity
		want bool
	}{
		{"star", ident(allow([]string{"*"}, "*")), true},
		{"star within a boundary", bounded(b, allow([]string{"*"}, "*")), false},
		{"split NotAction", ident(notAllow([]string{"iam:*"}, "*"), notAllow([]string{"kms:*"}, "*")), true},
		{"NotAction list", ident(notAllow([]string{"iam:*", "kms:*"}, "*")), false},
		{"every service named", ident(allow([]string{"s3:*", "iam:*", "kms:*", "sts:*", "secretsmanager:*"}, "*")), true},
		{"star on some resources", ident(allow([]string{"*"}, "arn:*")), false},
		{"star with MFA", ident(withCond(allow([]string{"*"}, "*"), "bool", "aws:multifactorauthpresent", "true")), true},
		{"star minus a deny", ident(allow([]string{"*"}, "*"), deny([]string{"iam:PassRole"}, "*")), false},
	} {
		if got := AdminEquivalent(tc.id); got != tc.want {
			t.Errorf("%s: AdminEquivalent = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestTrustPolicies(t *testing.T) {
	const acct = "AWS:arn:aws:iam::111111111111:root"
	for _, tc := range []struct {
		name string
		a, b []Statement
		want Relation
	}{
		{"account id is its root", []Statement{trust("AWS:111111111111")}, []Statement{trust(acct)}, Equal},
		{"star is AWS:*", []Statement{trust("*")}, []Statement{trust("AWS:*")}, Equal},
		{"new third-party principal", []Statement{trust(acct)}, []Statement{trust(acct, "AWS:arn:aws:iam::999999999999:root")}, RightWider},
		{"new service", []Statement{trust(acct)}, []Statement{trust(acct, "Service:ec2.amazonaws.com")}, RightWider},
		{"root covers a role of the account", []Statement{trust(acct)}, []Statement{trust("AWS:arn:aws:iam::111111111111:role/r")}, LeftWider},
		{"unconditioned star next to a conditioned one",
			[]Statement{withCond(trust("*"), "stringequals", "aws:principalaccount", "1")},
			[]Statement{withCond(trust("*"), "stringequals", "aws:principalaccount", "1"), trust("AWS:*")}, RightWider},
		{"NotPrincipal", []Statement{{Effect: "Allow", Principals: []string{acct}, NotPrincipal: true, Actions: []string{"sts:AssumeRole"}}},
			[]Statement{trust("*")}, RightWider},
	} {
		v := ComparePolicy(compileT(tc.a...), compileT(tc.b...))
		if v.Relation != tc.want {
			t.Errorf("%s: relation %s, want %s (left %+v right %+v)", tc.name, v.Relation, tc.want, v.LeftOnly, v.RightOnly)
		}
		pa, pb := compileT(tc.a...), compileT(tc.b...)
		if w := v.RightOnly; w != nil && (pb.Decide(w.Request) != Allow || pa.Decide(w.Request) == Allow) {
			t.Errorf("%s: witness %+v does not separate", tc.name, *w)
		}
	}
}

func TestResourceWildcards(t *testing.T) {
	for _, tc := range []struct {
		pattern, arn string
		want         bool
	}{
		{"arn:aws:s3:::a*b", "arn:aws:s3:::axxb", true},
		{"arn:aws:s3:::a*b", "arn:aws:s3:::a:b", false}, // '*' inside a segment stays in it
		{"arn:aws:s3:::a*", "arn:aws:s3:::a:b:c", true}, // '*' ending a segment runs past colons
		{"arn:aws:iam::*:role/x", "arn:aws:iam::1:2:role/x", true},
		{"arn:aws:s3:::a?b", "arn:aws:s3:::a:b", false},
		{"arn:aws:s3:::a?b", "arn:aws:s3:::a/b", true},
		{"arn:aws:s3:::B/*", "arn:aws:s3:::b/x", false}, // case-sensitive
		{"*", "", true},
	} {
		p := compileT(allow([]string{"s3:GetObject"}, tc.pattern))
		got := p.Decide(Request{Action: "S3:getobject", Resource: tc.arn}) == Allow
		if got != tc.want {
			t.Errorf("%s on %s: %v, want %v", tc.pattern, tc.arn, got, tc.want)
		}
	}
}

func TestSymbolic(t *testing.T) {
	p := compileT(withCond(allow([]string{"foo:Bar", "s3:GetObject"}, "*"), "stringfuzzy", "aws:x", "1"))
	want := []string{"unknown action foo:bar compared as written", "unknown condition operator stringfuzzy kept symbolically"}
	if got := p.Warnings(); !slices.Equal(got, want) {
		t.Errorf("warnings %q, want %q", got, want)
	}
	same := compileT(withCond(allow([]string{"s3:GetObject", "FOO:BAR"}, "*"), "stringfuzzy", "aws:x", "1"))
	if v := CompareIdentity(Identity{Policies: p}, Identity{Policies: same}); v.Relation != Equal {
		t.Errorf("same unknowns: %s", v.Relation)
	}
	other := compileT(withCond(allow([]string{"s3:GetObject", "foo:bar"}, "*"), "stringfuzzy", "aws:x", "2"))
	v := CompareIdentity(Identity{Policies: p}, Identity{Policies: other})
	if v.Relation != BothWider || !(Identity{Policies: p}).Allows(v.LeftOnly.Request) {
		t.Errorf("different unknown operator values: %s %+v", v.Relation, v.LeftOnly)
	}
	drop := compileT(allow([]string{"s3:GetObject"}, "*"))
	v = CompareIdentity(Identity{Policies: compileT(allow([]string{"s3:GetObject", "foo:bar"}, "*"))}, Identity{Policies: drop})
	if v.Relation != LeftWider || v.LeftOnly.Request.Action != "foo:bar" {
		t.Errorf("unknown action dropped: %s %+v", v.Relation, v.LeftOnly)
	}
}

// TestWildMatch: the allocation-free matcher agrees with the automaton.
func TestWildMatch(t *testing.T) {
	cands := allStrings("ab*?", 4)
	subjects := allStrings("abx", 4)
	for _, p := range cands {
		g := compileGlob(p, modeString)
		for _, s := range subjects {
			if wildMatch(p, s) != g.match(s) {
				t.Fatalf("wildMatch(%q, %q) = %v, automaton %v", p, s, wildMatch(p, s), g.match(s))
			}
		}
	}
}
