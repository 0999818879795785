package parity.rules.network.nacl_permissive_test

import data.parity.lib
import data.parity.rules.network.nacl_permissive

acl(ing) := lib.res("network_acl", "main/private", {"ingress": ing, "egress": [lib.rule("all", 0, 65535, "0.0.0.0/0")]})

test_world_admit_in_production if {
	inp := lib.input_of(
		[acl([lib.rule("all", 0, 65535, "10.0.0.0/8")])],
		[acl([lib.rule("all", 0, 65535, "0.0.0.0/0")])],
	)
	fs := nacl_permissive.finding with input as inp
	count(fs) == 1
	some f in fs
	f.severity == "high"
	f.production.direction == "ingress"
}

test_equivalent_acls if {
	inp := lib.input_of(
		[acl([lib.rule("tcp", 443, 443, "10.0.0.0/8")])],
		[acl([lib.rule("tcp", 443, 443, "10.0.0.0/8")])],
	)
	count(nacl_permissive.finding) == 0 with input as inp
}
