# METADATA
# title: Role assumable from the other environment's account
# description: |
#   A role's trust policy, evaluated for principals of the other
#   environment's account (its root, any role or user it could create, with
#   aws:PrincipalAccount and aws:PrincipalArn set as AWS sets them), lets
#   that account assume the role, and no concrete chain of roles already
#   does it (identity.cross_env_role_chain reports those). Conditions are
#   evaluated, so a trust open to "*" but conditioned on the other account
#   counts and one conditioned on its own account does not. Production
#   assumable from staging is critical; the reverse is high.
# custom:
#   category: identity
#   severity: critical
#   remediation: Remove the other account from the trust policy (principal or condition); deploy with a role that lives in the same account.
#   references:
#     - OWASP NHI5:2025 Overprivileged NHI
#     - NIST CSF PR.AC-4
#     - NIST CSF PR.AC-5
package parity.rules.identity.cross_env_trust

import data.parity.lib

finding contains f if {
	some p in input.paths.reach
	p.kind == "iam_role"
	f := lib.with_severity(
		lib.finding(p.resource, p.side,
			{"arn": p.arn, "account_id": p.owner.account_id, "grade": p.grade, "witness": p.witness},
			{"account_id": p.from.account_id, "principal": p.witness.principal}, sprintf(
				"%s role %s (account %s) can be assumed from the %s account %s, e.g. by %s; the %s side is weaker",
				[lib.env_name[p.side], p.arn, p.owner.account_id, lib.env_name[lib.other[p.side]], p.from.account_id, p.witness.principal, lib.env_name[p.side]],
			)),
		lib.weaker_severity(p.side, "critical", "high"),
	)
}
