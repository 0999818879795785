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

# A deny on tcp/22 in front of allow-all (normalized to "other" plus explicit
# tcp ranges) is narrower than a plain allow-all: the allow-all side is the
# more permissive one.
test_deny_in_front_of_allow_all_is_narrower if {
	stg := acl([lib.rule("all", 0, 65535, "0.0.0.0/0")])
	prd := acl([
		lib.rule("other", 0, 65535, "0.0.0.0/0"),
		lib.rule("tcp", 0, 21, "0.0.0.0/0"),
		lib.rule("tcp", 23, 65535, "0.0.0.0/0"),
	])
	inp := lib.input_of([stg], [prd])
	fs := nacl_permissive.finding with input as inp
	some f in fs
	f.staging != null
	contains(f.message, "staging")
}
