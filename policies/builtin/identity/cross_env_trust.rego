# METADATA
# title: Role trusts the other environment's account
# description: |
#   A role's trust policy lets a principal of the other environment's
#   account assume it. Production trusting staging lets anyone who controls
#   staging walk into production (critical); staging trusting production is
#   a weaker but real bridge between the environments (high).
# custom:
#   category: identity
#   severity: critical
#   remediation: Remove the other account's principal from the trust policy; deploy with a role that lives in the same account.
#   references:
#     - OWASP NHI5:2025 Overprivileged NHI
#     - NIST CSF PR.AC-4
#     - NIST CSF PR.AC-5
package parity.rules.identity.cross_env_trust

import data.parity.lib

finding contains f if {
	some side in lib.sides
	some key in input[side].kinds.iam_role
	r := input[side].resources[key]
	some g in r.attrs.trust
	contains(g.principal, "${peer_account}")
	g.effect == "Allow"
	not g.not_principal
	f := lib.with_severity(
		lib.finding(key, side, {"principal": g.principal, "action": g.action}, null, sprintf(
			"%s role %s trusts %s of the %s account; the %s side is weaker",
			[lib.env_name[side], r.name, g.principal, lib.env_name[lib.other[side]], lib.env_name[side]],
		)),
		severity[side],
	)
}

severity := {"production": "critical", "staging": "high"}
