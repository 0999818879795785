package iameval

import "testing"

// FuzzCompare: policy text is attacker-written. Whatever the patterns and
// condition values, compiling and comparing never panics, and every witness
// separates the two sides under Decide.
func FuzzCompare(f *testing.F) {
	f.Add("s3:Get*", "arn:aws:s3:::b/*", "stringlike", "a*", "iam:*", "arn:aws:*:b", "1")
	f.Add("*", "*", "numericlessthan", "10", "kms:?ecrypt", "a?b", "10.0.0.0/8")
	// An empty action part matches no action: "", ":" and "*:" are not "*".
	f.Add("", "0", "0", "0", "0", "0", "0")
	f.Add(":", "0", "0", "0", "0", "0", "0")
	f.Add("*:", "0", "0", "0", "0", "0", "0")
	f.Fuzz(func(t *testing.T, act1, res1, op, val1, act2, res2, val2 string) {
		if len(act1)+len(res1)+len(val1)+len(act2)+len(res2)+len(val2) > 200 {
			return
		}
		cond := map[string]map[string][]string{op: {"aws:k": {val1, val2}}}
		a := Identity{Policies: compileT(
			Statement{Effect: "Allow", Actions: []string{act1}, Resources: []string{res1}, Condition: cond},
			Statement{Effect: "Deny", Actions: []string{act2}, Resources: []string{res2}})}
		b := Identity{Policies: compileT(
			Statement{Effect: "Allow", Actions: []string{act1, act2}, NotAction: true, Resources: []string{res2}},
		)}
		v := CompareIdentity(a, b)
		if w := v.LeftOnly; w != nil && (!a.Allows(w.Request) || b.Allows(w.Request)) {
			t.Fatalf("left witness %+v does not separate", *w)
		}
		if w := v.RightOnly; w != nil && (!b.Allows(w.Request) || a.Allows(w.Request)) {
			t.Fatalf("right witness %+v does not separate", *w)
		}
		Differences(a, b, 3)
		AdminEquivalent(a)
	})
}
