package parity.rules.identity.passrole_any_test

import data.parity.rules.identity.passrole_any

grant(action, resource) := {
	"effect": "Allow", "principal": "", "not_principal": false,
	"action": action, "not_action": false,
	"resource": resource, "not_resource": false, "condition": {},
}

inp(perms) := {"production": {
	"kinds": {"iam_role": ["iam_role/global/app"]},
	"resources": {"iam_role/global/app": {"name": "app", "attrs": {"permissions": perms}}},
}}

test_wildcard_action_passes_role if {
	count(passrole_any.finding) == 1 with input as inp([grant("iam:*", "*")])
}

test_notaction_without_iam_does_not if {
	g := object.union(grant(["iam:*"], "*"), {"not_action": true})
	count(passrole_any.finding) == 0 with input as inp([g])
}

all_from_ten := [{"protocol": "all", "from_port": -1, "to_port": -1, "source": "10.0.0.0/8"}]

test_net_protocol_number_admitted if {
	parity.net.admits(all_from_ten, "50", 0, "10.1.2.3")
	not parity.net.admits(all_from_ten, "50", 0, "192.0.2.1")
}

# Fails on purpose: "esp" is not a protocol name parity knows, and a
# built-in error must surface, never read as "not admitted".
test_net_unknown_protocol_name if {
	parity.net.admits(all_from_ten, "esp", 0, "10.1.2.3") == false
}
