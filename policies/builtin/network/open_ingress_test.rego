package parity.rules.network.open_ingress_test

import data.parity.lib
import data.parity.rules.network.open_ingress

sg(rules) := lib.res("security_group", "web", {"ingress": rules, "egress": []})

test_ssh_open_in_production if {
	inp := lib.input_of(
		[sg([lib.rule("tcp", 22, 22, "10.0.0.0/8")])],
		[sg([lib.rule("tcp", 22, 22, "0.0.0.0/0")])],
	)
	fs := open_ingress.finding with input as inp
	count(fs) == 1
	some f in fs
	f.severity == "high"
	startswith(f.message, "production security group web admits tcp 22 from 0.0.0.0/0 and its staging twin does not (e.g. tcp 22 from ")
}

test_https_open_in_staging_is_medium if {
	inp := lib.input_of([sg([lib.rule("tcp", 443, 443, "::/0")])], [sg([])])
	fs := open_ingress.finding with input as inp
	some f in fs
	f.severity == "medium"
}

test_open_in_both if {
	inp := lib.input_of(
		[sg([lib.rule("tcp", 80, 443, "0.0.0.0/0")])],
		[sg([lib.rule("tcp", 80, 200, "0.0.0.0/0"), lib.rule("tcp", 201, 443, "0.0.0.0/0")])],
	)
	count(open_ingress.finding) == 0 with input as inp
}

test_wider_open_range_in_production if {
	inp := lib.input_of(
		[sg([lib.rule("tcp", 443, 443, "0.0.0.0/0")])],
		[sg([lib.rule("tcp", 80, 443, "0.0.0.0/0")])],
	)
	fs := open_ingress.finding with input as inp
	count(fs) == 1
	some f in fs
	f.production.rule.from_port == 80
	f.production.witness.port < 443
}
