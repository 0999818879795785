package reports

import (
	"time"

	"github.com/parity-sec/parity/collectors/snapshot"
	"github.com/parity-sec/parity/diff"
	"github.com/parity-sec/parity/policies"
)

var (
	fixtureTime   = time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)
	fixtureExpiry = time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)
)

// fixtureReport is a run with something of everything: findings in all four
// areas (one waived, one new), changes of all three actions at resource and
// path level with set elements and scalars, a partial area, waiver
// problems, a failed gate and a history with a trend. Like every report
// run.Evaluate returns, it is in the run's one order.
func fixtureReport() *Report {
	r := unsortedFixture()
	r.Sort()
	return r
}

// unsortedFixture lists the fixture's findings and changes in no
// particular order, as a hand-made report might.
func unsortedFixture() *Report {
	adminGrant := map[string]any{"effect": "Allow", "principal": "", "not_principal": false, "action": "*", "not_action": false, "resource": "*", "not_resource": false, "condition": map[string]any{}}
	readGrant := map[string]any{"effect": "Allow", "principal": "", "not_principal": false, "action": "s3:getobject", "not_action": false, "resource": "arn:aws:s3:::payments-${env}-artifacts-with-a-rather-long-bucket-name/*", "not_resource": false, "condition": map[string]any{}}
	trustPeer := map[string]any{"effect": "Allow", "principal": "AWS:arn:aws:iam::${peer_account}:root", "not_principal": false, "action": "sts:assumerole", "not_action": false, "resource": "", "not_resource": false,
		"condition": map[string]any{"stringequals": map[string]any{"sts:externalid": []any{"deploy-<x>|y"}}}}
	ssh := map[string]any{"protocol": "tcp", "from_port": 22, "to_port": 22, "source": "0.0.0.0/0"}
	https := map[string]any{"protocol": "tcp", "from_port": 443, "to_port": 443, "source": "10.0.0.0/8"}
	allOut := map[string]any{"protocol": "all", "from_port": 0, "to_port": 65535, "source": "0.0.0.0/0"}
	return &Report{
		SchemaVersion: SchemaVersion,
		GeneratedAt:   fixtureTime,
		ToolVersion:   "v0.3.0",
		Staging: EnvMeta{Name: "staging", AccountID: "111111111111", Regions: []string{"eu-west-1"}, CollectedAt: fixtureTime.Add(-10 * time.Minute), ToolVersion: "v0.3.0",
			Coverage: []snapshot.Coverage{
				{Service: "iam", Region: "global", Status: "ok"},
				{Service: "cloudtrail", Region: "eu-west-1", Status: "ok"},
			}},
		Production: EnvMeta{Name: "production", AccountID: "222222222222", Regions: []string{"eu-west-1"}, CollectedAt: fixtureTime.Add(-9 * time.Minute), ToolVersion: "v0.3.0",
			Coverage: []snapshot.Coverage{
				{Service: "iam", Region: "global", Status: "ok"},
				{Service: "logs", Region: "eu-west-1", Status: "denied", Message: "AccessDeniedException: not authorized to perform logs:DescribeLogGroups"},
			}},
		PartialAreas: []string{"logging"},
		Summary: Summary{Areas: []AreaSummary{
			{Area: "identity", Paired: 14, Changes: 6, Findings: 3},
			{Area: "secrets", Paired: 6, Changes: 2, Findings: 1},
			{Area: "logging", Paired: 3, Changes: 1, Findings: 1, Partial: true},
			{Area: "network", Paired: 5, Changes: 3, Findings: 2},
		}},
		Score: &policies.Score{Overall: 61, Areas: map[string]int{"identity": 42, "secrets": 80, "logging": 75, "network": 55}},
		Gate:  &Gate{Passed: false, FailOn: "high", MinScore: 70, Reasons: []string{"2 findings at or above high (critical: 1, high: 1)", "score 61 is below --min-score 70"}},
		Findings: wrapF([]policies.Finding{
			{ID: "f3c1a9e2", Rule: "network.open_ingress", Title: "Ingress open to the internet in one environment", Category: "network", Severity: "high", Resource: "security_group/eu-west-1/bastion-${env}", Kind: "security_group",
				Message: "production admits tcp 22 from 0.0.0.0/0; staging does not", Staging: nil, Production: ssh, Remediation: "Restrict the rule to the VPN range, or add the same rule to staging if intended.", References: []string{"https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html"}},
			{ID: "a17b00c4", Rule: "identity.cross_env_trust", Title: "Role trusts the other environment's account", Category: "identity", Severity: "critical", Resource: "iam_role/global/deploy-${env}", Kind: "iam_role",
				Message: "production role trusts the staging account (${peer_account})", Staging: []any{}, Production: []any{trustPeer}, Remediation: "Remove the staging account from the production trust policy.", References: []string{"OWASP NHI Top 10: NHI5", "NIST CSF PR.AC-4"}},
			{ID: "b2e4f6a8", Rule: "identity.wider_permissions", Title: "Identity more privileged than its twin", Category: "identity", Severity: "medium", Resource: "iam_role/global/reporting-${env}", Kind: "iam_role",
				Message: "staging grants Allow * on * | production grants s3:getobject only", Staging: []any{adminGrant}, Production: []any{readGrant}, Remediation: "Narrow the staging role to the production grants."},
			{ID: "c9d8e7f6", Rule: "identity.orphaned_identity", Title: "Identity exists in one environment only", Category: "identity", Severity: "low", Resource: "iam_user/global/ci-legacy", Kind: "iam_user",
				Message: "user exists in staging only; last used 2025-02-01", Staging: map[string]any{"access_keys": []any{map[string]any{"id_suffix": "QX7Z", "status": "Active"}}}, Remediation: "Delete the user or document why staging needs it.",
				Waived: true, Waiver: &policies.WaiverMatch{Rule: "identity.orphaned_identity", Resource: "iam_user/global/ci-*", Reason: "decommission tracked in OPS-1234", Owner: "platform-team", Expires: fixtureExpiry}},
			{ID: "d4c3b2a1", Rule: "secrets.rotation_parity", Title: "Rotation on in one environment only", Category: "secrets", Severity: "medium", Resource: "secret/eu-west-1/payments-${env}/db", Kind: "secret",
				Message: "rotation is on in production (30 days) and off in staging", Staging: map[string]any{"rotation_enabled": false}, Production: map[string]any{"rotation_days": 30, "rotation_enabled": true}, Remediation: "Turn rotation on in staging."},
			{ID: "e5f6a7b8", Rule: "logging.retention", Title: "Shorter log retention in one environment", Category: "logging", Severity: "low", Resource: "log_group/eu-west-1/app-${env}", Kind: "log_group",
				Message: "production keeps logs 7 days, staging 90", Staging: map[string]any{"retention_days": 90}, Production: map[string]any{"retention_days": 7}, Remediation: "Raise production retention to at least 90 days."},
			{ID: "0a1b2c3d", Rule: "network.wider_egress", Title: "Egress wider in one environment", Category: "network", Severity: "info", Resource: "security_group/eu-west-1/app-${env}", Kind: "security_group",
				Message: "staging allows all egress", Staging: []any{allOut}, Production: []any{https}},
		}),
		Changes: wrapC([]diff.Change{
			{Action: diff.OnlyStaging, Area: "identity", Kind: "iam_user", Resource: "iam_user/global/ci-legacy"},
			{Action: diff.OnlyProduction, Area: "identity", Kind: "iam_role", Resource: "iam_role/global/break-glass"},
			{Action: diff.Changed, Area: "identity", Kind: "iam_role", Resource: "iam_role/global/deploy-${env}", Path: "max_session_duration", Staging: 3600, Production: 43200},
			{Action: diff.OnlyProduction, Area: "identity", Kind: "iam_role", Resource: "iam_role/global/deploy-${env}", Path: "trust", Production: trustPeer},
			{Action: diff.OnlyStaging, Area: "identity", Kind: "iam_role", Resource: "iam_role/global/reporting-${env}", Path: "permissions", Staging: adminGrant},
			{Action: diff.OnlyProduction, Area: "identity", Kind: "iam_role", Resource: "iam_role/global/reporting-${env}", Path: "permissions", Production: readGrant},
			{Action: diff.Changed, Area: "secrets", Kind: "secret", Resource: "secret/eu-west-1/payments-${env}/db", Path: "rotation_enabled", Staging: false, Production: true},
			{Action: diff.Changed, Area: "secrets", Kind: "ssm_parameter", Resource: "ssm_parameter/eu-west-1/${env}/api/token", Path: "type", Staging: "String", Production: "SecureString"},
			{Action: diff.Changed, Area: "logging", Kind: "log_group", Resource: "log_group/eu-west-1/app-${env}", Path: "retention_days", Staging: 90, Production: 7},
			{Action: diff.OnlyProduction, Area: "network", Kind: "security_group", Resource: "security_group/eu-west-1/bastion-${env}", Path: "ingress", Production: ssh},
			{Action: diff.OnlyStaging, Area: "network", Kind: "security_group", Resource: "security_group/eu-west-1/app-${env}", Path: "egress", Staging: allOut},
			{Action: diff.OnlyProduction, Area: "network", Kind: "security_group", Resource: "security_group/eu-west-1/app-${env}", Path: "egress", Production: https},
		}),
		Waivers: []WaiverProblem{
			{Problem: "expired", Rule: "network.open_ingress", Resource: "security_group/eu-west-1/legacy-*", Owner: "net-team", Reason: "migration window", Expires: "2026-10-01"},
			{Problem: "stale", Rule: "secrets.*", Resource: "secret/eu-west-1/old-*", Owner: "sec-team", Reason: "old secrets", Expires: "2027-03-01"},
		},
		History: &History{
			PreviousRun: "2026-11-22T02-00-00Z",
			New:         []string{"f3c1a9e2"},
			Resolved: wrapF([]policies.Finding{{ID: "99aa88bb", Rule: "secrets.plaintext_parameter", Title: "Plaintext parameter where the twin is encrypted", Category: "secrets", Severity: "high",
				Resource: "ssm_parameter/eu-west-1/${env}/db/password", Message: "staging parameter is String, production SecureString"}}),
			Persisting: []string{"0a1b2c3d", "a17b00c4", "b2e4f6a8", "c9d8e7f6", "d4c3b2a1", "e5f6a7b8"},
			Trend: []TrendPoint{
				{Run: "2026-11-20T02-00-00Z", Time: fixtureTime.Add(-72 * time.Hour), Overall: 74, Findings: 5},
				{Run: "2026-11-21T02-00-00Z", Time: fixtureTime.Add(-48 * time.Hour), Overall: 68, Findings: 6},
				{Run: "2026-11-22T02-00-00Z", Time: fixtureTime.Add(-24 * time.Hour), Overall: 70, Findings: 7},
				{Run: "2026-11-23T02-00-00Z", Time: fixtureTime, Overall: 61, Findings: 7},
			},
		},
	}
}

// emptyReport is a clean run: full coverage, no findings, no changes, a
// passed gate and no history.
func emptyReport() *Report {
	return &Report{
		SchemaVersion: SchemaVersion,
		GeneratedAt:   fixtureTime,
		ToolVersion:   "v0.3.0",
		Staging:       EnvMeta{Name: "staging", AccountID: "111111111111", Regions: []string{"eu-west-1"}, CollectedAt: fixtureTime, Coverage: []snapshot.Coverage{{Service: "iam", Region: "global", Status: "ok"}}},
		Production:    EnvMeta{Name: "production", AccountID: "222222222222", Regions: []string{"eu-west-1"}, CollectedAt: fixtureTime, Coverage: []snapshot.Coverage{{Service: "iam", Region: "global", Status: "ok"}}},
		Summary: Summary{Areas: []AreaSummary{
			{Area: "identity", Paired: 14}, {Area: "secrets", Paired: 6}, {Area: "logging", Paired: 3}, {Area: "network", Paired: 5},
		}},
		Score: &policies.Score{Overall: 100, Areas: map[string]int{"identity": 100, "secrets": 100, "logging": 100, "network": 100}},
		Gate:  &Gate{Passed: true, FailOn: "high"},
	}
}

// fixtures names the reports every golden test renders.
var fixtures = []struct {
	name   string
	report func() *Report
}{
	{"full", fixtureReport},
	{"empty", emptyReport},
}
