package parity.rules.identity.cross_env_trust_test

import data.parity.lib
import data.parity.rules.identity.cross_env_trust

trust(principal) := {"trust": [{
	"effect": "Allow", "principal": principal, "not_principal": false,
	"action": "sts:assumerole", "not_action": false,
	"resource": "", "not_resource": false, "condition": {},
}]}

test_production_trusting_staging_is_critical if {
	inp := lib.input_of(
		[lib.res("iam_role", "deploy", trust("AWS:arn:aws:iam::${self_account}:root"))],
		[lib.res("iam_role", "deploy", trust("AWS:arn:aws:iam::${peer_account}:role/ci"))],
	)
	fs := cross_env_trust.finding with input as inp
	count(fs) == 1
	some f in fs
	f.severity == "critical"
	f.production.principal == "AWS:arn:aws:iam::${peer_account}:role/ci"
}

test_staging_trusting_production_is_high if {
	inp := lib.input_of([lib.res("iam_role", "deploy", trust("AWS:arn:aws:iam::${peer_account}:root"))], [])
	fs := cross_env_trust.finding with input as inp
	count(fs) == 1
	some f in fs
	f.severity == "high"
}

test_same_account_trust_is_fine if {
	inp := lib.input_of(
		[lib.res("iam_role", "deploy", trust("AWS:arn:aws:iam::${self_account}:root"))],
		[lib.res("iam_role", "deploy", trust("Service:lambda.amazonaws.com"))],
	)
	count(cross_env_trust.finding) == 0 with input as inp
}
