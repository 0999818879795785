# METADATA
# title: Staging workload token accepted by production
# description: |
#   A production role and a staging role trust the same OIDC issuer or SAML
#   provider, and their subject conditions accept a common subject (decided
#   exactly, by intersecting the condition patterns): a staging pipeline can
#   mint a token that the production role accepts. The evidence holds both
#   conditions and one subject both accept.
# custom:
#   category: identity
#   severity: critical
#   remediation: Pin the production role's subject condition to production-only subjects (a protected environment or branch), distinct from anything staging accepts.
#   references:
#     - OWASP NHI9:2025 NHI Reuse
#     - OWASP NHI5:2025 Overprivileged NHI
#     - NIST CSF PR.AC-4
package parity.rules.identity.shared_workload_identity

import data.parity.lib

finding contains f if {
	some p in input.paths.federation
	p.kind == "shared_subject"
	f := lib.with_severity(lib.finding(p.resource, p.side,
		{"arn": p.arn, "account_id": p.account.account_id, "provider": p.provider, "subjects": p.subjects},
		{"arn": p.peer.arn, "account_id": p.peer.account.account_id, "provider": p.peer.provider, "subjects": p.peer.subjects, "common_subject": p.witness_subject}, sprintf(
			"%s role %s (account %s) and %s role %s (account %s) accept the same %s subjects, e.g. %q: a %s workload's token is accepted by %s",
			[lib.env_name[p.side], p.arn, p.account.account_id, lib.env_name[lib.other[p.side]], p.peer.arn, p.peer.account.account_id, p.issuer, p.witness_subject, lib.env_name[lib.other[p.side]], lib.env_name[p.side]],
		)), "critical")
}
