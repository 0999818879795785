package iameval

import (
	"sort"
	"strings"
)

// The finite universe the oracle decides over. The evaluator claims
// verdicts over the infinite request space, so the universe must contain a
// request in every class the pair's patterns can tell apart. It is built by
// brute force, not by the evaluator's signature exploration: every string
// up to a length over the pools' characters plus a fresh one, grouped by
// which of the pair's patterns match it (two strings in one group are
// decided alike by every statement of the pair, by definition of matching).
// The pools are short patterns, so every achievable combination already
// has a witness within that length; the check in checkPair also feeds the
// evaluator's own witnesses to the oracle, so a "differ" verdict is always
// confirmed directly.

var (
	actionPool = []string{"s3:GetObject", "s3:Get*", "s3:*Object", "s3:*", "s3:get?bject", "S3:PUTOBJECT",
		"iam:PassRole", "iam:*", "iam:Put*Policy", "kms:*", "kms:ScheduleKeyDeletion", "kms:Decrypt", "*",
		"sts:AssumeRole", "secretsmanager:GetSecretValue", "foo:bar", "*:Get*", "s3:List*"}
	resourcePool  = []string{"*", "a*", "a:*", "a:b", "a*b", "a:*:b", "?:b", "a/*", "*:b", "b", "a:b/*", "a?"}
	principalPool = []string{"*", "AWS:111111111111", "AWS:arn:aws:iam::111111111111:root",
		"AWS:arn:aws:iam::111111111111:role/r", "AWS:arn:aws:iam::222222222222:user/u",
		"Service:ec2.amazonaws.com", "AWS:*"}
	principalUniverse = []string{"AWS:arn:aws:iam::111111111111:root", "AWS:arn:aws:iam::111111111111:role/r",
		"AWS:arn:aws:iam::111111111111:user/other", "AWS:arn:aws:sts::111111111111:assumed-role/r/s",
		"AWS:arn:aws:iam::222222222222:user/u", "AWS:arn:aws:iam::333333333333:user/x",
		"Service:ec2.amazonaws.com", "Service:lambda.amazonaws.com"}
)

// condKey describes one context key of the pools: its operators, the
// values policies use and the candidate request values.
type condKey struct {
	name  string
	ops   []string
	vals  []string
	cands []string
	multi bool
}

var condPool = []condKey{
	{name: "aws:sourceaccount", ops: []string{"StringEquals", "StringLike", "StringNotEquals", "StringNotLike",
		"StringEqualsIfExists", "StringNotEqualsIfExists", "StringEqualsIgnoreCase", "StringLikeIfExists", "Null"},
		vals: []string{"ab", "a*", "a?", "AB", "b"}, cands: allStrings("abABx", 3)},
	{name: "aws:principalarn", ops: []string{"ArnLike", "ArnEquals", "ArnNotLike", "ArnLikeIfExists"},
		vals: []string{"a:*", "a:b", "*:b", "a:b:*"}, cands: allStrings("ab:x", 4)},
	{name: "aws:tagkeys", multi: true, ops: []string{"ForAllValues:StringEquals", "ForAnyValue:StringEquals",
		"ForAllValues:StringLike", "ForAnyValue:StringNotEquals", "ForAllValues:StringNotLike"},
		vals: []string{"a", "b", "a*"}, cands: allStrings("abx", 2)},
	{name: "aws:sourceip", ops: []string{"IpAddress", "NotIpAddress"},
		vals: []string{"10.0.0.0/8", "10.1.0.0/16", "192.0.2.0/24", "10.0.0.1"},
		cands: []string{"9.255.255.255", "10.0.0.0", "10.0.0.1", "10.0.0.2", "10.0.255.255", "10.1.0.0", "10.1.255.255",
			"10.2.0.0", "10.255.255.255", "11.0.0.0", "192.0.2.0", "192.0.2.255", "192.0.1.255", "192.0.3.0", "2001:db8::1", "x"}},
	{name: "aws:multifactorauthpresent", ops: []string{"Bool", "BoolIfExists", "Null"},
		vals: []string{"true", "false"}, cands: []string{"true", "false", "TRUE", "x"}},
	{name: "s3:max-keys", ops: []string{"NumericLessThan", "NumericEquals", "NumericGreaterThanEquals",
		"NumericNotEquals", "NumericLessThanEqualsIfExists"},
		vals: []string{"1", "2", "10"}, cands: []string{"-1", "0", "1", "1.5", "2", "3", "10", "11", "x"}},
}

// allStrings lists every string over alpha up to n characters, "" first.
func allStrings(alpha string, n int) []string {
	out := []string{""}
	last := []string{""}
	for l := 0; l < n; l++ {
		var next []string
		for _, s := range last {
			for i := 0; i < len(alpha); i++ {
				next = append(next, s+alpha[i:i+1])
			}
		}
		out = append(out, next...)
		last = next
	}
	return out
}

var resourceCands = allStrings("ab:/x", 6)

// representatives keeps the first candidate of each group of candidates
// that the tests answer alike.
func representatives(cands []string, tests []func(string) bool) []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range cands {
		var b strings.Builder
		for _, t := range tests {
			if t(c) {
				b.WriteByte('1')
			} else {
				b.WriteByte('0')
			}
		}
		if !seen[b.String()] {
			seen[b.String()] = true
			out = append(out, c)
		}
	}
	return out
}

type oUniverse struct {
	actions, resources, principals []string
	contexts                       []map[string][]string
}

// universeFor builds the requests for one pair of sides.
func universeFor(sides []oSide, withPrincipals bool) oUniverse {
	var all []Statement
	for _, s := range sides {
		all = append(append(all, s.pol...), s.bnd...)
	}
	u := oUniverse{actions: actionUniverse(all), resources: resourceReps(all)}
	return contextsOf(u, all, withPrincipals)
}

// actionUniverse is the catalog plus every action written that it lacks.
func actionUniverse(all []Statement) []string {
	var out []string
	known := map[string]bool{}
	for svc, acts := range testCat {
		for _, a := range acts {
			out = append(out, svc+":"+a)
			known[strings.ToLower(svc+":"+a)] = true
		}
	}
	for _, st := range all {
		for _, a := range st.Actions {
			hit := false
			for k := range known {
				if oRegexp("action", a).MatchString(k) {
					hit = true
				}
			}
			if !hit && !known[strings.ToLower(a)] {
				known[strings.ToLower(a)] = true
				out = append(out, strings.ToLower(a))
			}
		}
	}
	sort.Strings(out)
	return out
}

// resourceMatches caches, per resource pattern, which candidates it
// matches: the candidates are many and the patterns few.
var resourceMatches = map[string][]bool{}

func resourceReps(all []Statement) []string {
	var cols [][]bool
	for _, st := range all {
		for _, p := range st.Resources {
			m, ok := resourceMatches[p]
			if !ok {
				re := oRegexp("resource", p)
				m = make([]bool, len(resourceCands))
				for i, c := range resourceCands {
					m[i] = re.MatchString(c)
				}
				resourceMatches[p] = m
			}
			cols = append(cols, m)
		}
	}
	seen := map[string]bool{}
	var out []string
	key := make([]byte, len(cols))
	for i, c := range resourceCands {
		for j, col := range cols {
			key[j] = '0'
			if col[i] {
				key[j] = '1'
			}
		}
		if !seen[string(key)] {
			seen[string(key)] = true
			out = append(out, c)
		}
	}
	return out
}

// contextsOf adds the principals and, for every context key the pair's
// conditions use, every class of values (and of value sets).
func contextsOf(u oUniverse, all []Statement, withPrincipals bool) oUniverse {
	u.principals = []string{""}
	if withPrincipals {
		u.principals = principalUniverse
	}
	u.contexts = []map[string][]string{{}}
	for _, ck := range condPool {
		var tests []func(string) bool
		used := false
		for _, st := range all {
			for op, keys := range st.Condition {
				for k, vals := range keys {
					if k != ck.name {
						continue
					}
					used = true
					fam := strings.ToLower(op)
					tests = append(tests, func(v string) bool { return oClause(fam, k, vals, map[string][]string{k: {v}}) })
				}
			}
		}
		if !used {
			continue
		}
		reps := representatives(ck.cands, tests)
		var opts [][]string
		opts = append(opts, nil)
		if ck.multi && len(reps) <= 8 {
			for m := 1; m < 1<<len(reps); m++ {
				var o []string
				for i, r := range reps {
					if m&(1<<i) != 0 {
						o = append(o, r)
					}
				}
				opts = append(opts, o)
			}
		} else {
			for _, r := range reps {
				opts = append(opts, []string{r})
			}
		}
		var next []map[string][]string
		for _, c := range u.contexts {
			for _, o := range opts {
				m := map[string][]string{}
				for k, v := range c {
					m[k] = v
				}
				if o != nil {
					m[ck.name] = o
				}
				next = append(next, m)
			}
		}
		u.contexts = next
	}
	return u
}
