package parity.rules.network.nacl_permissive_test

import data.parity.lib
import data.parity.rules.network.nacl_permissive

acl(ing) := lib.res("network_acl", "main/private", {"ingress": ing, "egress": [lib.rule("all", -1, -1, "0.0.0.0/0")]})

test_world_admit_in_production if {
	inp := lib.input_of(
		[acl([lib.rule("all", -1, -1, "10.0.0.0/8")])],
		[acl([lib.rule("all", -1, -1, "0.0.0.0/0")])],
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

# A deny on tcp/22 in front of allow-all is narrower than a plain
# allow-all: the allow-all side is the more permissive one, and the witness
# is a tcp/22 packet. (Tuples are what normalize writes for such an ACL:
# every protocol but tcp, and tcp without port 22.)
test_deny_in_front_of_allow_all_is_narrower if {
	stg := acl([lib.rule("all", -1, -1, "0.0.0.0/0")])
	prd := acl([
		lib.rule("0-5", -1, -1, "0.0.0.0/0"),
		lib.rule("tcp", 0, 21, "0.0.0.0/0"),
		lib.rule("tcp", 23, 65535, "0.0.0.0/0"),
		lib.rule("7-255", -1, -1, "0.0.0.0/0"),
	])
	inp := lib.input_of([stg], [prd])
	fs := nacl_permissive.finding with input as inp
	count(fs) == 1
	some f in fs
	f.staging.witness.protocol == 6
	f.staging.witness.port == 22
	f.production == null
	f.severity == "medium"
}
