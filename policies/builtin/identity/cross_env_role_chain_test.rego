package parity.rules.identity.cross_env_role_chain_test

import data.parity.lib
import data.parity.rules.identity.cross_env_role_chain

chain(side, grade) := {
	"resource": "iam_role/global/admin-${env}", "side": side, "grade": grade,
	"from": {"env": lib.other[side], "account_id": "111111111111"}, "to": {"env": side, "account_id": "222222222222"},
	"hops": [
		{"arn": "arn:aws:iam::111111111111:role/ci-staging", "side": lib.other[side]},
		{"arn": "arn:aws:iam::222222222222:role/deploy-production", "side": side},
		{"arn": "arn:aws:iam::222222222222:role/admin-production", "side": side},
	],
}

with_paths(cs) := object.union(lib.input_of([], []), {"paths": {"chains": cs}})

test_admin_production_role_reached_from_staging_is_critical if {
	fs := cross_env_role_chain.finding with input as with_paths([chain("production", "admin")])
	count(fs) == 1
	some f in fs
	f.severity == "critical"
	f.staging.chain[0] == "arn:aws:iam::111111111111:role/ci-staging"
	contains(f.message, "ci-staging -> arn:aws:iam::222222222222:role/deploy-production ->")
}

test_plain_production_role_is_high if {
	fs := cross_env_role_chain.finding with input as with_paths([chain("production", "data_access")])
	some f in fs
	f.severity == "high"
}

test_staging_role_reached_from_production_is_lower if {
	fs := cross_env_role_chain.finding with input as with_paths([chain("staging", "admin")])
	some f in fs
	f.severity == "high"
}
