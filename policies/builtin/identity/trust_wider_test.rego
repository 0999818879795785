package parity.rules.identity.trust_wider_test

import data.parity.lib
import data.parity.rules.identity.trust_wider

role(principals) := lib.res("iam_role", "deploy", {"trust": [lib.allow(p, "sts:assumerole", "") | some p in principals]})

own := "AWS:arn:aws:iam::${self_account}:root"

test_third_party_account_in_production if {
	inp := lib.input_of([role([own])], [role([own, "AWS:arn:aws:iam::999988887777:root"])])
	fs := trust_wider.finding with input as inp
	count(fs) == 1
	some f in fs
	f.severity == "high"
	f.production.principal_class == "other account"
	contains(f.production.witness.principal, "999988887777")
}

test_new_service_in_staging_is_low if {
	inp := lib.input_of([role([own, "Service:lambda.amazonaws.com"])], [role([own])])
	some f in trust_wider.finding with input as inp
	f.severity == "low"
}

test_same_principals_reordered if {
	a := role([own, "Service:lambda.amazonaws.com"])
	b := role(["Service:lambda.amazonaws.com", own])
	count(trust_wider.finding) == 0 with input as lib.input_of([a], [b])
}

test_peer_account_left_to_cross_env_trust if {
	inp := lib.input_of([role([own])], [role([own, "AWS:arn:aws:iam::${peer_account}:root"])])
	count(trust_wider.finding) == 0 with input as inp
}
