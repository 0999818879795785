package config

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestExampleConfigLoads(t *testing.T) {
	c, err := Load(filepath.Join("..", "..", "..", "..", "docs", "parity.example.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Environments.Production.RoleARN; got != "arn:aws:iam::222222222222:role/parity-readonly" {
		t.Errorf("production role_arn = %q", got)
	}
	if d := cmp.Diff([]string{"stg", "stage"}, c.Aliases["staging"]); d != "" {
		t.Errorf("aliases (-want +got):\n%s", d)
	}
	if len(c.Waivers) != 1 || len(c.Reports) != 4 || c.Gate.FailOn != "high" || c.History.Keep != 60 {
		t.Errorf("unexpected config: %+v", c)
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct{ name, yaml, want string }{
		{"unknown key", "aliasses: {}\n", "line 1: field aliasses not found"},
		{"wrong type", "gate:\n  min_score: lots\n", "line 2"},
		{"bad severity", "gate: {fail_on: loud}\n", `gate.fail_on "loud"`},
		{"score range", "gate: {min_score: 101}\n", "gate.min_score 101"},
		{"bad role", "environments:\n  staging: {role_arn: admin}\n", `environments.staging.role_arn "admin" is not an IAM role ARN`},
		{"external id alone", "environments:\n  production: {external_id: x}\n", "external_id needs role_arn"},
		{"report without path", "reports: [{format: sarif}]\n", "reports[0]: format and path are both required"},
		{"negative keep", "history: {keep: -1}\n", "history.keep -1"},
		{"waiver without owner", "waivers: [{rule: x, resource: y, reason: z, expires: 2030-01-01}]\n", "owner"},
		{"not yaml", "{{{", "did not find"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.yaml))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error spans lines: %q", err)
			}
		})
	}
}

func TestEmptyConfigIsDefaults(t *testing.T) {
	c, err := Parse(nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Normalize().PairingTag != "" || len(c.Waivers) != 0 {
		t.Errorf("empty config not empty: %+v", c)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("aliases: {staging: [stg]}\ngate: {fail_on: high}\n"))
	f.Add([]byte("waivers: [{rule: 'identity.*', resource: '*', reason: r, owner: o, expires: 2030-01-01}]\n"))
	f.Add([]byte("environments: {staging: {regions: [us-east-1], role_arn: 'arn:aws:iam::111111111111:role/x'}}\n"))
	f.Add([]byte("- a\n- b\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(data)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error spans lines: %q", err)
			}
			return
		}
		if err := c.Validate(); err != nil {
			t.Fatalf("parsed config fails validation: %v", err)
		}
	})
}

// TestValidateIsDeterministic: with both sides wrong, the same error comes
// back every time (Validate used to range over a map).
func TestValidateIsDeterministic(t *testing.T) {
	const yaml = "environments:\n  staging: {role_arn: bad}\n  production: {role_arn: worse}\n"
	for i := 0; i < 50; i++ {
		_, err := Parse([]byte(yaml))
		if err == nil || !strings.Contains(err.Error(), "environments.staging.role_arn") {
			t.Fatalf("run %d: got %v, want the staging error first", i, err)
		}
	}
}
