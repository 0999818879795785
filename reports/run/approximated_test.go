package run_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/parity-sec/parity/collectors/snapshot"
	"github.com/parity-sec/parity/reports/run"
)

// TestApproximationsReachTheReport: twins the evaluator could not compare
// exhaustively are listed with real names, and a warning says that
// "equal" there is not proven; a pair compared exhaustively has neither.
func TestApproximationsReachTheReport(t *testing.T) {
	// Twelve statements under twelve values of the multi-valued key
	// aws:TagKeys are more value classes than are tried exhaustively;
	// production adds one that two of them already imply.
	perms := func(n int, extra bool) snapshot.Document {
		var stmts []string
		for i := range n {
			stmts = append(stmts, fmt.Sprintf(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":"k%d"}}}`, i))
		}
		if extra {
			stmts = append(stmts, `{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":["k0","k1"]}}}`)
		}
		return snapshot.Document(`{"Statement":[` + strings.Join(stmts, ",") + `]}`)
	}
	snap := func(env, acct string, n int, extra bool) *snapshot.Snapshot {
		s := &snapshot.Snapshot{SchemaVersion: 1, Environment: env, AccountID: acct}
		s.Identity.Roles = []snapshot.Role{{Name: "app-" + env, ARN: "arn:aws:iam::" + acct + ":role/app-" + env,
			TrustPolicy:    `{"Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`,
			InlinePolicies: []snapshot.InlinePolicy{{Name: "p", Document: perms(n, extra)}}}}
		return s
	}
	for _, c := range []struct {
		values int
		want   bool
	}{{2, false}, {12, true}} {
		rep := evaluate(t, snap("staging", "111111111111", c.values, false), snap("production", "222222222222", c.values, true), run.GateOptions{})
		warned := false
		for _, w := range rep.Warnings {
			warned = warned || strings.Contains(w, "not exhaustive")
		}
		if got := len(rep.Approximated) > 0; got != c.want || warned != c.want {
			t.Fatalf("%d values: approximated %v, warned %v (%q); want %v", c.values, rep.Approximated, warned, rep.Warnings, c.want)
		}
		if !c.want {
			continue
		}
		a := rep.Approximated[0]
		if a.Names.Production.ARN != "arn:aws:iam::222222222222:role/app-production" {
			t.Errorf("approximation names %+v, want the production role's ARN", a.Names)
		}
		for _, w := range rep.Warnings {
			if strings.Contains(w, "not exhaustive") && !strings.Contains(w, "app-{staging,production} permissions") {
				t.Errorf("warning %q does not name the role by its real names", w)
			}
		}
	}
}
