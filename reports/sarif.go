package reports

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"unicode"

	"github.com/owenrumney/go-sarif/v3/pkg/report"
	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/parity-sec/parity/policies"
)

// sarifInfoURI is where code-scanning users land from the tool name.
const sarifInfoURI = "https://github.com/parity-sec/parity"

// SARIFWriter renders findings as SARIF 2.1.0 for GitHub code scanning and
// other SARIF viewers. Drift has no source file, so every result points at
// a "parity:<area>/<escaped resource key>" URI (line 1) and a logical
// location naming the resource key. Never a relative path built from
// names: a secret named "../../.github/workflows/release.yml" would make a
// viewer open that workflow file.
type SARIFWriter struct{}

// Write implements Writer.
func (SARIFWriter) Write(ctx context.Context, w io.Writer, r *Report) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	rep := report.NewV210Report()
	run := sarif.NewRunWithInformationURI("parity", sarifInfoURI)
	if r.ToolVersion != "" {
		run.Tool.Driver.WithVersion(r.ToolVersion)
	}
	findings := r.Findings
	for _, rule := range sarifRules(findings) {
		run.Tool.Driver.AddRule(rule)
	}
	for _, f := range findings {
		res := addSARIFResult(run, f)
		if state := baselineState(r.History, f.ID); state != "" {
			res.WithBaselineState(state)
		}
	}
	if h := r.History; h != nil {
		resolved := make([]string, 0, len(h.Resolved))
		for _, f := range h.Resolved {
			resolved = append(resolved, f.ID)
		}
		run.WithProperties(sarif.NewPropertyBag().
			Add("previousRun", h.PreviousRun).
			Add("resolvedFindingIds", resolved))
	}
	if g := r.Gate; g != nil {
		// The gate travels as the invocation's exit code, so a SARIF
		// consumer sees the verdict the process exits with.
		run.AddInvocation(sarif.NewInvocation().
			WithExecutionSuccessful(true).
			WithExitCode(exitCode(g)).
			WithExitCodeDescription("gate " + gateVerdictWord(g)).
			WithProperties(sarif.NewPropertyBag().
				Add("gatePassed", g.Passed).
				Add("gatePartial", g.Partial).
				Add("failOn", g.FailOn).
				Add("minScore", g.MinScore).
				Add("reasons", append([]string{}, g.Reasons...))))
	}
	rep.AddRun(run)
	var buf bytes.Buffer
	if err := rep.PrettyWrite(&buf); err != nil {
		return fmt.Errorf("encode sarif report: %w", err)
	}
	buf.WriteByte('\n')
	_, err := w.Write(buf.Bytes())
	return err
}

// securitySeverity gives GitHub's numeric security severity, chosen inside
// its bands: above 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, else low.
var securitySeverity = map[string]string{
	policies.SeverityCritical: "9.5",
	policies.SeverityHigh:     "8.0",
	policies.SeverityMedium:   "5.5",
	policies.SeverityLow:      "3.0",
	policies.SeverityInfo:     "1.0",
}

// sarifLevel maps a severity to a SARIF result level.
func sarifLevel(sev string) string {
	switch sev {
	case policies.SeverityCritical, policies.SeverityHigh:
		return "error"
	case policies.SeverityMedium:
		return "warning"
	}
	return "note"
}

// sarifRules builds one rule per rule id, sorted by id, from the findings
// that carry its metadata. A rule that fires at several severities is rated
// by its most severe finding.
func sarifRules(findings []Finding) []*sarif.ReportingDescriptor {
	byRule := map[string]Finding{}
	for _, f := range findings {
		cur, ok := byRule[f.Rule]
		if !ok || policies.SeverityRank(f.Severity) > policies.SeverityRank(cur.Severity) {
			byRule[f.Rule] = f
		}
	}
	var rules []*sarif.ReportingDescriptor
	for _, id := range sortedKeys(byRule) {
		f := byRule[id]
		title := f.Title
		if title == "" {
			title = id
		}
		full := fmt.Sprintf("%s. A %s parity rule: it compares the twin resources of two environments and reports where one side is weaker.", strings.TrimSuffix(title, "."), findingArea(f))
		help := f.Remediation
		if help == "" {
			help = "Make the two environments agree, or waive the finding with a reason, owner and expiry in parity.yaml."
		}
		md := help
		if len(f.References) > 0 {
			md += "\n\nReferences:\n"
			for _, ref := range f.References {
				md += "- " + ref + "\n"
			}
		}
		props := sarif.NewPropertyBag().
			Add("category", findingArea(f)).
			Add("severity", f.Severity).
			Add("security-severity", securitySeverity[f.Severity]).
			WithTags([]string{"security", "parity", findingArea(f)})
		rule := sarif.NewRule(id).
			WithName(ruleName(id)).
			WithShortDescription(sarif.NewMultiformatMessageString().WithText(title)).
			WithFullDescription(sarif.NewMultiformatMessageString().WithText(full)).
			WithHelp(sarif.NewMultiformatMessageString().WithText(help).WithMarkdown(md)).
			WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarifLevel(f.Severity))).
			WithProperties(props)
		if i := slices.IndexFunc(f.References, isURL); i >= 0 {
			rule.WithHelpURI(f.References[i])
		}
		rules = append(rules, rule)
	}
	return rules
}

// baselineState says whether a finding is new since the previous run in
// history ("new") or was already there ("unchanged"); empty without history.
func baselineState(h *History, id string) string {
	switch {
	case h == nil:
		return ""
	case slices.Contains(h.New, id):
		return "new"
	case slices.Contains(h.Persisting, id):
		return "unchanged"
	}
	return ""
}

func addSARIFResult(run *sarif.Run, f Finding) *sarif.Result {
	area := findingArea(f)
	msg := f.Message
	if msg == "" {
		msg = f.Title
	}
	loc := sarif.NewLocationWithPhysicalLocation(
		sarif.NewPhysicalLocation().
			WithArtifactLocation(sarif.NewSimpleArtifactLocation(sarifURI(area, f.Resource))).
			WithRegion(sarif.NewRegion().WithStartLine(1)),
	).AddLogicalLocation(sarif.NewLogicalLocation().
		WithName(f.Resource).
		WithFullyQualifiedName(area + "/" + f.Resource).
		WithKind("resource"))
	res := run.CreateResultForRule(f.Rule).
		WithLevel(sarifLevel(f.Severity)).
		WithMessage(sarif.NewTextMessage(msg)).
		AddLocation(loc).
		WithPartialFingerprints(map[string]string{"parityFindingId/v1": f.ID}).
		WithProperties(sarifNames(sarif.NewPropertyBag().Add("severity", f.Severity).Add("category", area), f.Names))
	if f.Waived {
		just := "waived"
		if f.Waiver != nil {
			just = waivedNote(f)
		}
		res.AddSuppression(sarif.NewSuppression().WithKind("external").WithStatus("accepted").WithJustification(just))
	}
	return res
}

// sarifNames adds both sides' real names, ARNs and accounts to a
// result's properties (the message already uses real names where it can).
func sarifNames(b *sarif.PropertyBag, n Names) *sarif.PropertyBag {
	for _, s := range []struct {
		key  string
		side Side
	}{{"staging", n.Staging}, {"production", n.Production}} {
		b = b.Add(s.key+"_account_id", s.side.AccountID)
		if s.side.Exists {
			b = b.Add(s.key+"_name", s.side.Name)
			if s.side.ARN != "" {
				b = b.Add(s.key+"_arn", s.side.ARN)
			}
		}
	}
	return b
}

// sarifURI is the artifact URI of a resource, in parity's own scheme so no
// viewer resolves it against the repository. The key is escaped as one
// segment ("/" too), so it can hold no dot segment and no path of its own.
func sarifURI(area, resource string) string {
	return "parity:" + url.PathEscape(area) + "/" + url.PathEscape(resource)
}

// ruleName turns "identity.cross_env_trust" into "IdentityCrossEnvTrust",
// the PascalCase name SARIF viewers show beside the id.
func ruleName(id string) string {
	var b strings.Builder
	up := true
	for _, r := range id {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			up = true
			continue
		}
		if up {
			r = unicode.ToUpper(r)
			up = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")
}
