# METADATA
# title: Identity more privileged than its twin
# description: |
#   An identity's effective permissions (its policies intersected with its
#   permissions boundary, Deny subtracted, wildcards expanded over AWS's
#   action catalogue) allow a request its twin's do not. Each side that
#   allows more is a finding with a witness request. Severity follows what
#   the extra requests reach: admin-equivalent is critical; privilege
#   escalation (iam:PassRole, policy writes, sts:AssumeRole on *) and secret
#   reads are high in production and medium in staging; other data access
#   and anything else are medium in production and low in staging.
# custom:
#   category: identity
#   severity: high
#   remediation: Remove the extra grants, or grant the twin the same if both environments really need them.
#   references:
#     - OWASP NHI5:2025 Overprivileged NHI
#     - NIST CSF PR.AC-4
package parity.rules.identity.wider_permissions

import data.parity.lib

finding contains f if {
	some kind in lib.identity_kinds
	some key in input.drift[kind]
	v := input.verdicts[key].permissions
	some side in lib.sides
	w := v[sprintf("%s_only", [side])]
	reach := v[sprintf("%s_reach", [side])]
	extra := v[sprintf("%s_extra", [side])]
	mine := input[side].resources[key]
	f := lib.with_severity(
		lib.finding(key, side, {"relation": v.relation, "reach": reach, "witness": w, "extra": extra}, null, sprintf(
			"%s %s %s allows %s on %s and its %s twin does not (%s); the %s side is more privileged",
			[lib.env_name[side], kind_noun[kind], mine.name, w.action, w.resource, lib.env_name[lib.other[side]], lib.reach_text[reach], lib.env_name[side]],
		)),
		severity(side, reach),
	)
}

kind_noun := {"iam_role": "role", "iam_user": "user", "iam_group": "group", "iam_policy": "policy"}

severity(_, "admin") := "critical"

severity(side, reach) := lib.weaker_severity(side, "high", "medium") if reach in {"privilege_escalation", "secret_read"}

severity(side, reach) := lib.weaker_severity(side, "medium", "low") if reach in {"data_access", "other"}
