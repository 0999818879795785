package parity.rules.identity.trust_conditions_test

import data.parity.lib
import data.parity.rules.identity.trust_conditions

role(cond) := lib.res("iam_role", "vendor", {"trust": [object.union(
	lib.allow("AWS:arn:aws:iam::999999999999:root", "sts:assumerole", ""),
	{"condition": cond},
)]})

test_external_id_missing_in_production if {
	inp := lib.input_of([role({"stringequals": {"sts:externalid": ["abc"]}})], [role({})])
	fs := trust_conditions.finding with input as inp
	count(fs) == 1
	some f in fs
	f.severity == "high"
	f.staging.condition_keys == ["sts:externalid"]
}

test_oidc_aud_missing_in_staging if {
	aud := {"stringequals": {"token.actions.githubusercontent.com:aud": ["sts.amazonaws.com"]}}
	inp := lib.input_of([role({})], [role(aud)])
	fs := trust_conditions.finding with input as inp
	some f in fs
	f.severity == "medium"
}

# A missing subject is identity.federated_any_subject's finding, not this one's.
test_oidc_sub_missing_is_left_to_federation_rules if {
	sub := {"stringlike": {"token.actions.githubusercontent.com:sub": ["repo:o/r:*"]}}
	inp := lib.input_of([role({})], [role(sub)])
	count(trust_conditions.finding) == 0 with input as inp
}

test_different_values_same_keys if {
	inp := lib.input_of(
		[role({"stringequals": {"sts:externalid": ["stg-id"]}})],
		[role({"stringequals": {"sts:externalid": ["prd-id"]}})],
	)
	count(trust_conditions.finding) == 0 with input as inp
}
