# METADATA
# title: Federated role without a subject condition
# description: |
#   A role trusts an OIDC or SAML provider without any condition on the
#   subject: every workload the provider vouches for (for GitHub Actions,
#   any repository on github.com) can assume it. High on its own, critical
#   in production.
# custom:
#   category: identity
#   severity: high
#   remediation: Add a subject condition (for GitHub, "token.actions.githubusercontent.com:sub" pinned to your repository and environment).
#   references:
#     - OWASP NHI5:2025 Overprivileged NHI
#     - NIST CSF PR.AC-4
package parity.rules.identity.federated_any_subject

import data.parity.lib

finding contains f if {
	some p in input.paths.federation
	p.kind == "open_subject"
	f := lib.with_severity(
		lib.finding(p.resource, p.side,
			{"arn": p.arn, "account_id": p.account.account_id, "provider": p.provider, "subject_condition": null}, null, sprintf(
				"%s role %s (account %s) trusts %s with no subject condition: any workload of that issuer can assume it",
				[lib.env_name[p.side], p.arn, p.account.account_id, p.provider],
			)),
		lib.weaker_severity(p.side, "critical", "high"),
	)
}
