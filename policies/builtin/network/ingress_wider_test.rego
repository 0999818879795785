package parity.rules.network.ingress_wider_test

import data.parity.lib
import data.parity.rules.network.ingress_wider

sg(rules) := lib.res("security_group", "db", {"ingress": rules, "egress": []})

test_wider_cidr_in_production if {
	inp := lib.input_of(
		[sg([lib.rule("tcp", 5432, 5432, "10.1.0.0/16")])],
		[sg([lib.rule("tcp", 5432, 5432, "10.0.0.0/8")])],
	)
	fs := ingress_wider.finding with input as inp
	count(fs) == 1
	some f in fs
	f.severity == "medium"
	f.production.rule.source == "10.0.0.0/8"
	net.cidr_contains("10.0.0.0/8", f.production.witness.address)
	not net.cidr_contains("10.1.0.0/16", f.production.witness.address)
}

test_narrower_is_covered if {
	inp := lib.input_of(
		[sg([lib.rule("tcp", 5432, 5432, "10.0.0.0/8")])],
		[sg([lib.rule("tcp", 5432, 5432, "10.1.0.0/16")])],
	)
	fs := ingress_wider.finding with input as inp
	count(fs) == 1
	some f in fs
	f.severity == "low"
	f.staging.rule.source == "10.0.0.0/8"
}

test_same_rules_and_world_left_out if {
	rs := [lib.rule("tcp", 5432, 5432, "sg:app-${env}")]
	inp := lib.input_of([sg(rs)], [sg(array.concat(rs, [lib.rule("tcp", 443, 443, "0.0.0.0/0")]))])
	count(ingress_wider.finding) == 0 with input as inp
}
