# METADATA
# title: Egress wider in one environment
# description: |
#   A security group lets traffic out to destinations, ports or protocols in
#   one environment that its twin does not, widening the exfiltration path.
# custom:
#   category: network
#   severity: low
#   remediation: Limit egress to what the twin allows.
#   references:
#     - NIST CSF PR.AC-5
#     - NIST CSF PR.DS-5
package parity.rules.network.egress_wider

import data.parity.lib

finding contains f if {
	some side in lib.sides
	some key in input.drift.security_group
	mine := input[side].resources[key]
	theirs := lib.twin(side, key)
	twin_rules := object.get(theirs.attrs, "egress", [])
	some r in object.get(mine.attrs, "egress", [])
	not lib.tuple_covered(r, twin_rules)
	f := lib.with_severity(
		lib.finding(key, side, r, null, sprintf(
			"%s security group %s allows egress %s to %s and its %s twin does not; the %s side is wider",
			[lib.env_name[side], mine.name, lib.ports_text(r), r.source, lib.env_name[lib.other[side]], lib.env_name[side]],
		)),
		lib.weaker_severity(side, "medium", "low"),
	)
}
