# METADATA
# title: Ingress from the internet in one environment only
# description: |
#   A security group admits 0.0.0.0/0 or ::/0 in one environment on ports
#   its twin does not open to the internet (or the group has no twin). It is
#   high on administrative and data ports (22, 3389, 3306, 5432, 6379, 9200,
#   27017) and on all traffic, medium otherwise.
# custom:
#   category: network
#   severity: high
#   remediation: Restrict the rule to the sources the twin admits (a load balancer's group, a VPN range).
#   references:
#     - CIS AWS Foundations 5.2
#     - CIS AWS Foundations 5.3
#     - NIST CSF PR.AC-5
package parity.rules.network.open_ingress

import data.parity.lib

finding contains f if {
	some side in lib.sides
	some key in input.drift.security_group
	mine := input[side].resources[key]
	twin_rules := object.get(object.get(input[lib.other[side]].resources, key, {"attrs": {}}).attrs, "ingress", [])
	some r in object.get(mine.attrs, "ingress", [])
	r.source in lib.world_sources
	w := lib.extra_witness(r, twin_rules)
	f := lib.with_severity(
		lib.finding(key, side, {"rule": r, "witness": w}, null, sprintf(
			"%s security group %s admits %s from %s and its %s twin does not (e.g. %s); the %s side is weaker",
			[lib.env_name[side], mine.name, lib.ports_text(r), r.source, lib.env_name[lib.other[side]], w.text, lib.env_name[side]],
		)),
		severity(r),
	)
}

severity(r) := "high" if lib.exposes_admin([r])

severity(r) := "medium" if not lib.exposes_admin([r])
