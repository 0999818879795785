package iameval

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDifferences(t *testing.T) {
	a := ident(allow([]string{"s3:GetObject", "kms:Decrypt"}, "arn:aws:s3:::b/*"), allow([]string{"s3:ListBucket"}, "*"))
	b := ident(allow([]string{"kms:Decrypt", "iam:PassRole"}, "arn:aws:s3:::b/*"), allow([]string{"iam:*"}, "*"),
		allow([]string{"s3:ListBucket"}, "*"))
	left, right := Differences(a, b, 0)
	type row struct {
		Service, Resource string
		Actions           []string
	}
	rows := func(ds []Delta) []row {
		var out []row
		for _, d := range ds {
			out = append(out, row{d.Service, d.Resource, d.Actions})
			if !a.Allows(d.Witness.Request) == !b.Allows(d.Witness.Request) {
				t.Errorf("delta %+v: witness does not separate", d)
			}
		}
		return out
	}
	if d := cmp.Diff([]row{{"s3", "arn:aws:s3:::b/*", []string{"s3:GetObject"}}}, rows(left)); d != "" {
		t.Errorf("left (-want +got):\n%s", d)
	}
	wantRight := []row{{"iam", "*", []string{"*"}}, {"iam", "arn:aws:s3:::b/*", []string{"*"}}}
	if d := cmp.Diff(wantRight, rows(right)); d != "" {
		t.Errorf("right (-want +got):\n%s", d)
	}
	if g := GradeDeltas(right); g != ReachAdmin {
		t.Errorf("right grade %s", g)
	}
	if g := GradeDeltas(left); g != ReachDataAccess {
		t.Errorf("left grade %s", g)
	}
	if _, r := Differences(a, b, 1); len(r) != 1 {
		t.Errorf("limit 1 gave %d deltas", len(r))
	}
}

func TestGradeDeltas(t *testing.T) {
	for _, tc := range []struct {
		d    []Delta
		want Reach
	}{
		{nil, ReachOther},
		{[]Delta{{Service: "iam", Actions: []string{"iam:PassRole"}}}, ReachPrivEsc},
		{[]Delta{{Service: "iam", Actions: []string{"iam:GetRole"}}}, ReachOther},
		{[]Delta{{Service: "iam", Actions: []string{"*"}}}, ReachAdmin},
		{[]Delta{{Service: "secretsmanager", Actions: []string{"secretsmanager:GetSecretValue"}}, {Service: "s3", Actions: []string{"s3:GetObject"}}}, ReachSecretRead},
		{[]Delta{{Service: "sts", Actions: []string{"*"}}}, ReachPrivEsc},
		{[]Delta{{Service: "s3", Actions: []string{"s3:PutObject"}}}, ReachDataAccess},
	} {
		if got := GradeDeltas(tc.d); got != tc.want {
			t.Errorf("%+v: %s, want %s", tc.d, got, tc.want)
		}
	}
}
