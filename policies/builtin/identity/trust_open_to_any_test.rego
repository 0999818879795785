package parity.rules.identity.trust_open_to_any_test

import data.parity.lib
import data.parity.rules.identity.trust_open_to_any

role(principal) := lib.res("iam_role", "app", {"trust": [lib.allow(principal, "sts:assumerole", "")]})

test_open_in_production_only if {
	inp := lib.input_of([role("AWS:arn:aws:iam::${self_account}:root")], [role("*")])
	fs := trust_open_to_any.finding with input as inp
	count(fs) == 1
	some f in fs
	f.severity == "critical"
	f.production.principal == "*"
}

test_open_in_both_is_parity if {
	inp := lib.input_of([role("*")], [role("*")])
	count(trust_open_to_any.finding) == 0 with input as inp
}
