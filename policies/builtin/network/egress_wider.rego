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
	w := lib.extra_witness(r, twin_rules)
	f := lib.with_severity(
		lib.finding(key, side, {"rule": r, "witness": w}, null, sprintf(
			"%s security group %s allows egress %s to %s and its %s twin does not (e.g. %s); the %s side is wider",
			[lib.env_name[side], mine.name, lib.ports_text(r), r.source, lib.env_name[lib.other[side]], w.text, lib.env_name[side]],
		)),
		lib.weaker_severity(side, "medium", "low"),
	)
}
