# METADATA
# title: Network ACL more permissive in one environment
# description: |
#   A network ACL admits traffic (by its effective first-match result, as
#   normalize computes it) in one environment that its twin's ACL does not,
#   inbound or outbound.
# custom:
#   category: network
#   severity: medium
#   remediation: Add the twin's allow and deny entries so both ACLs admit the same traffic.
#   references:
#     - CIS AWS Foundations 5.1
#     - NIST CSF PR.AC-5
package parity.rules.network.nacl_permissive

import data.parity.lib

# A network ACL's tuples are what it effectively admits under first-match
# evaluation; a tuple the twin does not wholly admit is reported with a
# witness packet, against the side that admits it.
finding contains f if {
	some side in lib.sides
	some key in input.drift.network_acl
	mine := input[side].resources[key]
	theirs := lib.twin(side, key)
	some dir in ["ingress", "egress"]
	twin_rules := object.get(theirs.attrs, dir, [])
	some r in object.get(mine.attrs, dir, [])
	w := lib.extra_witness(r, twin_rules)
	f := lib.with_severity(
		lib.finding(key, side, {"rule": r, "direction": dir, "witness": w}, null, sprintf(
			"%s network ACL %s admits %s %s %s and its %s twin does not (e.g. %s); the %s side is more permissive",
			[lib.env_name[side], mine.name, dir, lib.ports_text(r), preposition(dir, r.source), lib.env_name[lib.other[side]], w.text, lib.env_name[side]],
		)),
		severity(side, dir, r),
	)
}

preposition("ingress", s) := sprintf("from %s", [s])

preposition("egress", s) := sprintf("to %s", [s])

severity(side, "ingress", r) := lib.weaker_severity(side, "high", "medium") if lib.exposes_admin([r])

severity(side, dir, r) := lib.weaker_severity(side, "medium", "low") if {
	not admin_ingress(dir, r)
}

admin_ingress("ingress", r) if lib.exposes_admin([r])
