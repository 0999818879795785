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

# Internet-wide sources are open_ingress's; this rule takes the rest. A
# tuple is reported only when a witness packet proves that the twin does
# not admit all of it.
finding contains f if {
	some side in lib.sides
	some key in input.drift.security_group
	mine := input[side].resources[key]
	theirs := lib.twin(side, key)
	twin_rules := object.get(theirs.attrs, "ingress", [])
	some r in object.get(mine.attrs, "ingress", [])
	not r.source in lib.world_sources
	w := lib.extra_witness(r, twin_rules)
	f := lib.with_severity(
		lib.finding(key, side, {"rule": r, "witness": w}, null, sprintf(
			"%s security group %s admits %s from %s and its %s twin does not (e.g. %s); the %s side admits more",
			[lib.env_name[side], mine.name, lib.ports_text(r), r.source, lib.env_name[lib.other[side]], w.text, lib.env_name[side]],
		)),
		lib.weaker_severity(side, "medium", "low"),
	)
}
