package parity.rules.network.egress_wider_test

import data.parity.lib
import data.parity.rules.network.egress_wider

sg(rules) := lib.res("security_group", "app", {"ingress": [], "egress": rules})

test_all_egress_in_production if {
	inp := lib.input_of(
		[sg([lib.rule("tcp", 443, 443, "0.0.0.0/0")])],
		[sg([lib.rule("all", -1, -1, "0.0.0.0/0")])],
	)
	fs := egress_wider.finding with input as inp
	count(fs) == 1
	some f in fs
	f.severity == "medium"
	f.production.witness.text != ""
}

test_same_egress if {
	rs := [lib.rule("tcp", 443, 443, "0.0.0.0/0")]
	inp := lib.input_of([sg(rs)], [sg(rs)])
	count(egress_wider.finding) == 0 with input as inp
}
