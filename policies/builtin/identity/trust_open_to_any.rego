# METADATA
# title: Trust policy open to any principal in one environment only
# description: |
#   A role trusts "*" (any AWS principal) in one environment while its twin
#   does not. Without a condition anyone in any account can assume it.
# custom:
#   category: identity
#   severity: high
#   remediation: Name the principals that may assume the role, as the twin does, or add a condition that pins the caller.
#   references:
#     - OWASP NHI5:2025 Overprivileged NHI
#     - NIST CSF PR.AC-4
package parity.rules.identity.trust_open_to_any

import data.parity.lib

finding contains f if {
	some side in lib.sides
	some key in input.drift.iam_role
	r := input[side].resources[key]
	some g in lib.allow_grants(r.attrs.trust)
	g.principal == "*"
	not open_in(lib.other[side], key)
	cond := object.get(g, "condition", {})
	f := lib.with_severity(
		lib.finding(key, side, {"principal": "*", "condition": cond}, null, sprintf(
			"%s role %s can be assumed by any principal (%s) and its %s twin cannot; the %s side is weaker",
			[lib.env_name[side], r.name, qualifier(cond), lib.env_name[lib.other[side]], lib.env_name[side]],
		)),
		severity(cond),
	)
}

open_in(side, key) if {
	some g in lib.allow_grants(input[side].resources[key].attrs.trust)
	g.principal == "*"
}

qualifier(cond) := "no condition" if count(cond) == 0

qualifier(cond) := "with a condition" if count(cond) > 0

severity(cond) := "critical" if count(cond) == 0

severity(cond) := "high" if count(cond) > 0
