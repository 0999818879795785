package reports

import (
	"encoding/xml"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parity-sec/parity/policies"
)

// Test-side JUnit structs, written from the JUnit XML conventions rather
// than reused from junit.go, so a mistake there cannot hide here.
type xSuites struct {
	XMLName  xml.Name `xml:"testsuites"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Skipped  int      `xml:"skipped,attr"`
	Suites   []xSuite `xml:"testsuite"`
}

type xSuite struct {
	Name     string  `xml:"name,attr"`
	Tests    int     `xml:"tests,attr"`
	Failures int     `xml:"failures,attr"`
	Errors   int     `xml:"errors,attr"`
	Skipped  int     `xml:"skipped,attr"`
	Cases    []xCase `xml:"testcase"`
}

type xCase struct {
	Name      string `xml:"name,attr"`
	Classname string `xml:"classname,attr"`
	Failure   *struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",chardata"`
	} `xml:"failure"`
	Error *struct {
		Message string `xml:"message,attr"`
	} `xml:"error"`
	Skipped *struct {
		Message string `xml:"message,attr"`
	} `xml:"skipped"`
	SystemOut string `xml:"system-out"`
}

func parseJUnit(t *testing.T, opts Options, r *Report) xSuites {
	t.Helper()
	out := render(t, FormatJUnit, opts, r)
	var doc xSuites
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("output is not JUnit XML: %v\n%s", err, out)
	}
	return doc
}

// outcome summarises a case as one word.
func (c xCase) outcome() string {
	switch {
	case c.Failure != nil:
		return "failure:" + c.Failure.Type
	case c.Error != nil:
		return "error"
	case c.Skipped != nil:
		return "skipped"
	}
	return "pass"
}

func TestJUnitParses(t *testing.T) {
	for _, tc := range []struct {
		name     string
		opts     Options
		report   func() *Report
		counts   [4]int // tests, failures, errors, skipped
		outcomes map[string]string
	}{
		{"full fail-on high", Options{FailOn: "high"}, fixtureReport, [4]int{12, 3, 1, 1}, map[string]string{
			"parity.gate/gate":         "failure:gate",
			"parity.identity/coverage": "pass",
			"identity.cross_env_trust/iam_role/global/deploy-${env}":       "failure:critical",
			"identity.wider_permissions/iam_role/global/reporting-${env}":  "pass",
			"identity.orphaned_identity/iam_user/global/ci-legacy":         "skipped",
			"parity.secrets/coverage":                                      "pass",
			"secrets.rotation_parity/secret/eu-west-1/payments-${env}/db":  "pass",
			"parity.logging/coverage":                                      "error",
			"logging.retention/log_group/eu-west-1/app-${env}":             "pass",
			"parity.network/coverage":                                      "pass",
			"network.open_ingress/security_group/eu-west-1/bastion-${env}": "failure:high",
			"network.wider_egress/security_group/eu-west-1/app-${env}":     "pass",
		}},
		{"full fail-on medium", Options{FailOn: "medium"}, fixtureReport, [4]int{12, 5, 1, 1}, map[string]string{
			"parity.gate/gate":         "failure:gate",
			"parity.identity/coverage": "pass",
			"identity.cross_env_trust/iam_role/global/deploy-${env}":       "failure:critical",
			"identity.wider_permissions/iam_role/global/reporting-${env}":  "failure:medium",
			"identity.orphaned_identity/iam_user/global/ci-legacy":         "skipped",
			"parity.secrets/coverage":                                      "pass",
			"secrets.rotation_parity/secret/eu-west-1/payments-${env}/db":  "failure:medium",
			"parity.logging/coverage":                                      "error",
			"logging.retention/log_group/eu-west-1/app-${env}":             "pass",
			"parity.network/coverage":                                      "pass",
			"network.open_ingress/security_group/eu-west-1/bastion-${env}": "failure:high",
			"network.wider_egress/security_group/eu-west-1/app-${env}":     "pass",
		}},
		{"empty", Options{}, emptyReport, [4]int{5, 0, 0, 0}, map[string]string{
			"parity.gate/gate":         "pass",
			"parity.identity/coverage": "pass", "parity.secrets/coverage": "pass",
			"parity.logging/coverage": "pass", "parity.network/coverage": "pass",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := parseJUnit(t, tc.opts, tc.report())
			if got := [4]int{doc.Tests, doc.Failures, doc.Errors, doc.Skipped}; got != tc.counts {
				t.Errorf("testsuites counts = %v, want %v", got, tc.counts)
			}
			var names []string
			got := map[string]string{}
			var sum [4]int
			for _, s := range doc.Suites {
				names = append(names, s.Name)
				var n [4]int
				for _, c := range s.Cases {
					got[c.Classname+"/"+c.Name] = c.outcome()
					n[0]++
					switch {
					case c.Failure != nil:
						n[1]++
					case c.Error != nil:
						n[2]++
					case c.Skipped != nil:
						n[3]++
					}
				}
				if n != [4]int{s.Tests, s.Failures, s.Errors, s.Skipped} {
					t.Errorf("suite %s attributes %v do not match its cases %v", s.Name, [4]int{s.Tests, s.Failures, s.Errors, s.Skipped}, n)
				}
				for i := range sum {
					sum[i] += n[i]
				}
			}
			if sum != tc.counts {
				t.Errorf("cases add up to %v, want %v", sum, tc.counts)
			}
			if diff := cmp.Diff([]string{"parity.identity", "parity.secrets", "parity.logging", "parity.network", "parity.gate"}, names); diff != "" {
				t.Errorf("suites (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.outcomes, got); diff != "" {
				t.Errorf("outcomes (-want +got):\n%s", diff)
			}
		})
	}
}

// TestJUnitHostileText checks text that could break XML stays parseable and
// comes back as written.
func TestJUnitHostileText(t *testing.T) {
	r := emptyReport()
	msg := `a ]]> b <x> & "q" ' end`
	r.Findings = wrapF([]policies.Finding{{ID: "1", Rule: "network.open_ingress", Category: "network", Severity: "critical", Resource: "security_group/eu-west-1/a&b", Message: msg}})
	doc := parseJUnit(t, Options{}, r)
	c := doc.Suites[3].Cases[1]
	if c.Failure == nil || c.Failure.Message != "critical: "+msg || !strings.Contains(c.Failure.Text, msg) || c.Name != "security_group/eu-west-1/a&b" {
		t.Errorf("hostile text did not round-trip: %+v", c)
	}
}

// TestJUnitGroupsRuleResource checks two findings of one rule on one
// resource make one test case that fails on the worse of them.
func TestJUnitGroupsRuleResource(t *testing.T) {
	r := emptyReport()
	r.Findings = wrapF([]policies.Finding{
		{ID: "1", Rule: "network.open_ingress", Category: "network", Severity: "medium", Resource: "security_group/eu-west-1/x", Message: "port 8080"},
		{ID: "2", Rule: "network.open_ingress", Category: "network", Severity: "high", Resource: "security_group/eu-west-1/x", Message: "port 22"},
	})
	doc := parseJUnit(t, Options{}, r)
	cases := doc.Suites[3].Cases
	if len(cases) != 2 || cases[1].Failure == nil || cases[1].Failure.Type != "high" || cases[1].Failure.Message != "high: port 22" {
		t.Errorf("want coverage + one failing case of type high, got %+v", cases)
	}
}
