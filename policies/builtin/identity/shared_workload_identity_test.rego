package parity.rules.identity.shared_workload_identity_test

import data.parity.lib
import data.parity.rules.identity.shared_workload_identity

shared := {
	"kind": "shared_subject", "resource": "iam_role/global/gha-app-${env}", "side": "production",
	"arn": "arn:aws:iam::222222222222:role/gha-app-production", "account": {"env": "production", "account_id": "222222222222"},
	"issuer": "token.actions.githubusercontent.com", "provider": "arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com",
	"subjects": [{"operator": "stringlike", "values": ["repo:org/app:*"]}], "witness_subject": "repo:org/app:",
	"peer": {"resource": "iam_role/global/gha-app-${env}", "arn": "arn:aws:iam::111111111111:role/gha-app-staging",
		"account": {"env": "staging", "account_id": "111111111111"}, "provider": "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com",
		"subjects": [{"operator": "stringlike", "values": ["repo:org/app:*"]}]},
}

test_shared_subject_is_critical_with_both_conditions if {
	fs := shared_workload_identity.finding with input as object.union(lib.input_of([], []), {"paths": {"federation": [shared]}})
	count(fs) == 1
	some f in fs
	f.severity == "critical"
	f.production.subjects[0].values == ["repo:org/app:*"]
	f.staging.subjects[0].values == ["repo:org/app:*"]
	contains(f.message, "arn:aws:iam::111111111111:role/gha-app-staging")
}

test_open_subject_is_not_shared if {
	p := object.union(shared, {"kind": "open_subject"})
	count(shared_workload_identity.finding) == 0 with input as object.union(lib.input_of([], []), {"paths": {"federation": [p]}})
}
