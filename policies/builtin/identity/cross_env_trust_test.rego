package parity.rules.identity.cross_env_trust_test

import data.parity.lib
import data.parity.rules.identity.cross_env_trust

reach(side, kind) := {
	"resource": sprintf("%s/global/deploy-${env}", [kind]), "kind": kind, "side": side,
	"owner": {"env": side, "account_id": "222222222222"}, "from": {"env": lib.other[side], "account_id": "111111111111"},
	"arn": "arn:aws:iam::222222222222:role/deploy-production", "access": ["assume"], "actions": ["sts:assumerole"],
	"via": ["policy"], "grade": "admin",
	"witness": {"principal": "arn:aws:iam::111111111111:root", "action": "sts:assumerole", "resource": "arn:aws:iam::222222222222:role/deploy-production"},
}

with_paths(ps) := object.union(lib.input_of([], []), {"paths": {"reach": ps}})

test_production_assumable_from_staging_is_critical if {
	fs := cross_env_trust.finding with input as with_paths([reach("production", "iam_role")])
	count(fs) == 1
	some f in fs
	f.severity == "critical"
	f.resource == "iam_role/global/deploy-${env}"
	f.staging.account_id == "111111111111"
	contains(f.message, "arn:aws:iam::222222222222:role/deploy-production")
	contains(f.message, "111111111111")
}

test_staging_assumable_from_production_is_high if {
	fs := cross_env_trust.finding with input as with_paths([reach("staging", "iam_role")])
	some f in fs
	f.severity == "high"
}

test_other_kinds_are_not_roles if {
	count(cross_env_trust.finding) == 0 with input as with_paths([reach("production", "secret")])
}
