package run

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/parity-sec/parity/diff"
	"github.com/parity-sec/parity/policies"
)

var deploy = Names{
	Staging:    Side{Environment: "staging", AccountID: "111111111111", Exists: true, Name: "payments-deploy-stg", ARN: "arn:aws:iam::111111111111:role/payments-deploy-stg"},
	Production: Side{Environment: "production", AccountID: "222222222222", Exists: true, Name: "payments-deploy-production", ARN: "arn:aws:iam::222222222222:role/payments-deploy-production"},
}

func TestRealMessage(t *testing.T) {
	onlyStaging := Names{Staging: deploy.Staging, Production: Side{Environment: "production", AccountID: "222222222222"}}
	for _, tc := range []struct {
		name, msg, canonical string
		n                    Names
		want                 string
	}{
		{"production side", "production role payments-deploy-${env} trusts AWS:arn:aws:iam::${peer_account}:root", "payments-deploy-${env}", deploy,
			"production role payments-deploy-production trusts AWS:arn:aws:iam::111111111111:root"},
		{"staging side, alias in the name", "staging role payments-deploy-${env} has boundary arn:aws:iam::${self_account}:policy/b", "payments-deploy-${env}", deploy,
			"staging role payments-deploy-stg has boundary arn:aws:iam::111111111111:policy/b"},
		{"one-sided resource", "role payments-deploy-${env} exists only in staging", "payments-deploy-${env}", onlyStaging,
			"role payments-deploy-stg exists only in staging"},
		{"side not said: left alone", "trail payments-deploy-${env} differs", "payments-deploy-${env}", deploy,
			"trail payments-deploy-${env} differs"},
		{"a name without tokens is not replaced", "production role ci trusts x", "ci", deploy, "production role ci trusts x"},
		{"environment name only as a prefix word", "productionish role payments-deploy-${env}", "payments-deploy-${env}", deploy,
			"productionish role payments-deploy-${env}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := realMessage(tc.msg, tc.canonical, tc.n); got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestCompact(t *testing.T) {
	for _, tc := range []struct {
		st, pr, want string
	}{
		{"payments-deploy-staging", "payments-deploy-production", "payments-deploy-{staging,production}"},
		{"/payments/stg/db", "/payments/prd/db", "/payments/{stg,prd}/db"},
		{"ci", "ci", "ci"},
		{"ci", "", "ci"},
		{"", "", "key/of/it"},
		{"a", "ab", "a{,b}"},
	} {
		n := Names{Staging: Side{Name: tc.st, Exists: tc.st != ""}, Production: Side{Name: tc.pr, Exists: tc.pr != ""}}
		if got := n.Compact("key/of/it"); got != tc.want {
			t.Errorf("Compact(%q, %q) = %q, want %q", tc.st, tc.pr, got, tc.want)
		}
	}
}

func TestCheckOrientation(t *testing.T) {
	for _, tc := range []struct {
		first, second  string
		extraS, extraP []string
		swapped        bool
	}{
		{"staging", "production", nil, nil, false},
		{"production", "staging", nil, nil, true},
		{"PRD", "stg", nil, nil, true},
		{"prod", "dev", nil, nil, false}, // dev is no staging name: cannot tell
		{"live", "qa", []string{"qa"}, []string{"live"}, true},
		{"qa", "live", []string{"qa"}, []string{"live"}, false},
	} {
		err := CheckOrientation(tc.first, tc.second, tc.extraS, tc.extraP)
		var sw *SwappedError
		if got := errors.As(err, &sw); got != tc.swapped {
			t.Errorf("%s then %s: swapped = %v, want %v (%v)", tc.first, tc.second, got, tc.swapped, err)
		}
	}
	msg := (&SwappedError{First: "production", Second: "staging", FirstSource: "p.json", SecondSource: "s.json"}).Error()
	if !strings.Contains(msg, "give staging first: parity diff s.json p.json") {
		t.Errorf("message %q does not give the right order", msg)
	}
}

// TestWaiverByRealName: a waiver may name the resource by either side's
// real name or ARN; the canonical key still works; an expired waiver is
// recorded on the finding it would have matched.
func TestWaiverByRealName(t *testing.T) {
	now := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	f := policies.Finding{ID: "1", Rule: "identity.cross_env_trust", Resource: "iam_role/global/payments-deploy-${env}", Severity: "critical"}
	for _, tc := range []struct {
		resource string
		waived   bool
	}{
		{"iam_role/global/payments-deploy-${env}", true},
		{"payments-deploy-production", true},
		{"arn:aws:iam::111111111111:role/payments-deploy-*", true},
		{"payments-deploy-dev", false},
	} {
		w := policies.Waiver{Rule: "identity.*", Resource: tc.resource, Reason: "r", Owner: "o", Expires: "2027-01-01"}
		out, problems := applyWaivers([]policies.Finding{f}, []Names{deploy}, []policies.Waiver{w}, now, policies.WaiverRules{})
		if out[0].Waived != tc.waived {
			t.Errorf("waiver on %q: waived = %v, want %v", tc.resource, out[0].Waived, tc.waived)
		}
		if tc.waived && len(problems) != 0 {
			t.Errorf("waiver on %q reported as %v", tc.resource, problems)
		}
	}
	expired := policies.Waiver{Rule: "identity.*", Resource: "payments-deploy-production", Reason: "r", Owner: "o", Expires: "2026-01-01"}
	out, problems := applyWaivers([]policies.Finding{f}, []Names{deploy}, []policies.Waiver{expired}, now, policies.WaiverRules{})
	if out[0].Waived || len(out[0].ExpiredWaivers) != 1 || len(problems) != 1 || problems[0].Problem != policies.ProblemExpired {
		t.Errorf("expired waiver: finding %+v, problems %+v", out[0], problems)
	}
}

func TestPairingWarning(t *testing.T) {
	rep := &Report{
		Staging:    EnvMeta{Name: "staging"},
		Production: EnvMeta{Name: "prod"},
		Summary:    Summary{Areas: []AreaSummary{{Area: "identity", Paired: 1, Total: 9}, {Area: "secrets", Paired: 3, Total: 3}}},
	}
	for _, n := range []string{"orders-api-production", "orders-db-production", "billing-production"} {
		rep.Changes = append(rep.Changes, Change{Change: diffOnly("only_in_production"), Names: Names{Production: Side{Name: n}}})
	}
	for _, n := range []string{"orders-api-staging", "orders-db-staging", "billing-staging"} {
		rep.Changes = append(rep.Changes, Change{Change: diffOnly("only_in_staging"), Names: Names{Staging: Side{Name: n}}})
	}
	got := pairingWarnings(rep)
	if len(got) != 1 || !strings.Contains(got[0], "identity 1/9") || strings.Contains(got[0], "secrets") || !strings.Contains(got[0], "aliases: {prod: [production]}") {
		t.Errorf("warnings %q", got)
	}
	rep.Summary.Areas[0].Paired = 5
	if got := pairingWarnings(rep); len(got) != 0 {
		t.Errorf("over half paired, yet warned: %q", got)
	}
}

func diffOnly(action string) diff.Change {
	return diff.Change{Action: diff.Action(action), Area: "identity"}
}
