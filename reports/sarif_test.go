package reports

import (
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/parity-sec/parity/collectors/snapshot/snapshottest"
)

// sarifSchemaPath finds the official SARIF 2.1.0 schema, kept outside the
// repo in shared/schemas beside the checkout. It looks from the module root
// (not the package directory) upwards, so a checkout and a git worktree of
// it both find it; SARIF_SCHEMA names the file explicitly.
func sarifSchemaPath(t *testing.T) string {
	if p := os.Getenv("SARIF_SCHEMA"); p != "" {
		return p
	}
	root := snapshottest.RepoRoot(t)
	for dir := filepath.Dir(root); ; dir = filepath.Dir(dir) {
		p := filepath.Join(dir, "shared", "schemas", "sarif-schema-2.1.0.json")
		if _, err := os.Stat(p); err == nil {
			return p
		}
		if filepath.Dir(dir) == dir {
			return filepath.Join(filepath.Dir(root), "shared", "schemas", "sarif-schema-2.1.0.json")
		}
	}
}

// skipOrFail skips with a loud message on a developer machine that lacks a
// tool, and fails in CI, where a silent skip would hide a broken check.
func skipOrFail(t *testing.T, format string, args ...any) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("CI=true but "+format, args...)
	}
	t.Logf("*** SKIPPED: "+format+" ***", args...)
	t.SkipNow()
}

func TestSARIFSchema(t *testing.T) {
	path := sarifSchemaPath(t)
	f, err := os.Open(path)
	if err != nil {
		skipOrFail(t, "SARIF schema not found at %s (set SARIF_SCHEMA): %v", path, err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("parse schema: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("sarif-schema-2.1.0.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatalf("compile schema: %v", err)
	}
	// The check must be able to fail: a level SARIF does not define.
	bad := bytes.Replace(render(t, FormatSARIF, Options{}, fixtureReport()), []byte(`"level": "error"`), []byte(`"level": "fatal"`), 1)
	if inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(bad)); err != nil || sch.Validate(inst) == nil {
		t.Errorf("schema accepted a result with level \"fatal\" (err %v)", err)
	}
	for _, fx := range fixtures {
		t.Run(fx.name, func(t *testing.T) {
			out := render(t, FormatSARIF, Options{}, fx.report())
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
			if err != nil {
				t.Fatalf("output is not JSON: %v", err)
			}
			if err := sch.Validate(inst); err != nil {
				t.Errorf("output does not validate against SARIF 2.1.0:\n%v", err)
			}
		})
	}
}

// sarifDoc is the part of a SARIF log GitHub code scanning relies on.
type sarifDoc struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Name  string `json:"name"`
				Rules []struct {
					ID         string            `json:"id"`
					Help       map[string]string `json:"help"`
					Properties map[string]any    `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID              string            `json:"ruleId"`
			RuleIndex           int               `json:"ruleIndex"`
			Level               string            `json:"level"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
			Locations           []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine int `json:"startLine"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			Suppressions []struct {
				Kind          string `json:"kind"`
				Justification string `json:"justification"`
			} `json:"suppressions"`
		} `json:"results"`
	} `json:"runs"`
}

// TestSARIFCodeScanning checks what GitHub needs beyond the schema: a
// parity: URI and a line for every result, stable fingerprints, rules with
// help and a security severity, and waived findings as suppressions.
func TestSARIFCodeScanning(t *testing.T) {
	var doc sarifDoc
	if err := json.Unmarshal(render(t, FormatSARIF, Options{}, fixtureReport()), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Runs) != 1 || doc.Runs[0].Tool.Driver.Name != "parity" {
		t.Fatalf("want one run by parity, got %+v", doc.Runs)
	}
	run := doc.Runs[0]
	for _, rule := range run.Tool.Driver.Rules {
		if rule.Help["text"] == "" || rule.Properties["security-severity"] == nil || rule.Properties["category"] == nil {
			t.Errorf("rule %s lacks help, security-severity or category: %+v", rule.ID, rule)
		}
	}
	type got struct{ Rule, Level, Fingerprint, URI, Suppression string }
	var results []got
	for _, res := range run.Results {
		if len(res.Locations) != 1 {
			t.Fatalf("%s: want one location, got %d", res.RuleID, len(res.Locations))
		}
		loc := res.Locations[0].PhysicalLocation
		u, err := url.Parse(loc.ArtifactLocation.URI)
		if err != nil || u.Scheme != "parity" || strings.Count(u.Opaque, "/") != 1 || loc.Region.StartLine < 1 {
			t.Errorf("%s: location %+v is not a parity: uri with a line", res.RuleID, loc)
		}
		if run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("%s: ruleIndex %d points at %s", res.RuleID, res.RuleIndex, run.Tool.Driver.Rules[res.RuleIndex].ID)
		}
		g := got{res.RuleID, res.Level, res.PartialFingerprints["parityFindingId/v1"], loc.ArtifactLocation.URI, ""}
		for _, s := range res.Suppressions {
			g.Suppression = s.Kind + ": " + s.Justification
		}
		results = append(results, g)
	}
	want := []got{
		{"identity.cross_env_trust", "error", "a17b00c4", "parity:identity/iam_role%2Fglobal%2Fdeploy-$%7Benv%7D", ""},
		{"identity.wider_permissions", "warning", "b2e4f6a8", "parity:identity/iam_role%2Fglobal%2Freporting-$%7Benv%7D", ""},
		{"identity.orphaned_identity", "note", "c9d8e7f6", "parity:identity/iam_user%2Fglobal%2Fci-legacy", "external: waived by platform-team until 2027-01-31: decommission tracked in OPS-1234"},
		{"secrets.rotation_parity", "warning", "d4c3b2a1", "parity:secrets/secret%2Feu-west-1%2Fpayments-$%7Benv%7D%2Fdb", ""},
		{"logging.retention", "note", "e5f6a7b8", "parity:logging/log_group%2Feu-west-1%2Fapp-$%7Benv%7D", ""},
		{"network.open_ingress", "error", "f3c1a9e2", "parity:network/security_group%2Feu-west-1%2Fbastion-$%7Benv%7D", ""},
		{"network.wider_egress", "note", "0a1b2c3d", "parity:network/security_group%2Feu-west-1%2Fapp-$%7Benv%7D", ""},
	}
	if diff := cmp.Diff(want, results); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
}

func TestSARIFLevelsAndNames(t *testing.T) {
	for _, tc := range []struct{ sev, level string }{
		{"critical", "error"}, {"high", "error"}, {"medium", "warning"}, {"low", "note"}, {"info", "note"}, {"bogus", "note"},
	} {
		if got := sarifLevel(tc.sev); got != tc.level {
			t.Errorf("sarifLevel(%q) = %q, want %q", tc.sev, got, tc.level)
		}
	}
	if got := ruleName("identity.cross_env_trust"); got != "IdentityCrossEnvTrust" {
		t.Errorf("ruleName = %q", got)
	}
}
