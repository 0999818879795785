# METADATA
# title: Security group admits more in one environment
# description: |
#   A security group admits sources, ports or protocols in one environment
#   that its twin does not (CIDR containment and port ranges considered).
#   Internet sources are left to network.open_ingress.
# custom:
#   category: network
#   severity: medium
#   remediation: Remove the extra rule, or add it to the twin if both environments need it.
#   references:
#     - NIST CSF PR.AC-5
package parity.rules.network.ingress_wider

import data.parity.lib

finding contains f if {
	some side in lib.sides
	some key in input.drift.security_group
	mine := input[side].resources[key]
	theirs := lib.twin(side, key)
	twin_rules := object.get(theirs.attrs, "ingress", [])
	some r in object.get(mine.attrs, "ingress", [])
	not r.source in lib.world_sources
	not lib.tuple_covered(r, twin_rules)
	f := lib.with_severity(
		lib.finding(key, side, r, null, sprintf(
			"%s security group %s admits %s from %s and its %s twin does not; the %s side admits more",
			[lib.env_name[side], mine.name, lib.ports_text(r), r.source, lib.env_name[lib.other[side]], lib.env_name[side]],
		)),
		lib.weaker_severity(side, "medium", "low"),
	)
}
