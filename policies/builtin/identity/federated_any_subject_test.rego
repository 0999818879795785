package parity.rules.identity.federated_any_subject_test

import data.parity.lib
import data.parity.rules.identity.federated_any_subject

open(side) := {
	"kind": "open_subject", "resource": "iam_role/global/gha-${env}", "side": side,
	"arn": "arn:aws:iam::111111111111:role/gha-staging", "account": {"env": side, "account_id": "111111111111"},
	"issuer": "token.actions.githubusercontent.com", "provider": "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com",
}

with_paths(ps) := object.union(lib.input_of([], []), {"paths": {"federation": ps}})

test_open_subject_in_staging_is_high if {
	fs := federated_any_subject.finding with input as with_paths([open("staging")])
	count(fs) == 1
	some f in fs
	f.severity == "high"
	contains(f.message, "oidc-provider/token.actions.githubusercontent.com")
}

test_open_subject_in_production_is_critical if {
	fs := federated_any_subject.finding with input as with_paths([open("production")])
	some f in fs
	f.severity == "critical"
}
