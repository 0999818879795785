# METADATA
# title: Chain of role assumptions into the other environment
# description: |
#   A principal of one environment can reach a role of the other by
#   assuming roles hop by hop, each hop allowed by the caller's identity
#   policies (within its boundary) and by the callee's trust policy, both
#   evaluated for that caller. The evidence is the chain of real ARNs.
#   Severity follows what the reached role can do: a production role that
#   is admin-equivalent or can escalate privileges, reached from staging,
#   is critical; other production roles high; staging roles reached from
#   production one level lower.
# custom:
#   category: identity
#   severity: critical
#   remediation: Break the chain at its cross-account hop, in the trust policy or the caller's sts:AssumeRole permission; deploy each environment with its own roles.
#   references:
#     - OWASP NHI5:2025 Overprivileged NHI
#     - NIST CSF PR.AC-4
#     - NIST CSF PR.AC-5
package parity.rules.identity.cross_env_role_chain

import data.parity.lib

finding contains f if {
	some c in input.paths.chains
	arns := [h.arn | some h in c.hops]
	f := lib.with_severity(
		lib.finding(c.resource, c.side,
			{"arn": arns[count(arns) - 1], "account_id": c.to.account_id, "grade": c.grade},
			{"account_id": c.from.account_id, "chain": arns}, sprintf(
				"%s principal %s (account %s) reaches %s role %s (account %s, %s) by %s; the %s side is weaker",
				[lib.env_name[lib.other[c.side]], arns[0], c.from.account_id, lib.env_name[c.side], arns[count(arns) - 1], c.to.account_id, lib.reach_text[c.grade], concat(" -> ", arns), lib.env_name[c.side]],
			)),
		severity(c),
	)
}

strong := {"admin", "privilege_escalation"}

severity(c) := lib.weaker_severity(c.side, "critical", "high") if strong[c.grade]

severity(c) := lib.weaker_severity(c.side, "high", "medium") if not strong[c.grade]
