# METADATA
# title: Secret or key usable from the other environment's account
# description: |
#   A secret's resource policy, a KMS key's policy or one of the key's
#   grants lets a principal of the other environment's account read the
#   secret, decrypt, use or administer the key. Policies are evaluated for
#   that account's principals with the request context AWS builds
#   (aws:PrincipalAccount, aws:PrincipalArn, kms:CallerAccount,
#   kms:ViaService, aws:PrincipalOrgID), so a policy open to "*" but
#   conditioned on the other account counts and one conditioned on its own
#   account does not. Reading, decrypting or administering a production
#   secret or key from staging is critical; the reverse is high; mere
#   encrypt/use one level lower.
# custom:
#   category: secrets
#   severity: critical
#   remediation: Remove the statement or grant that admits the other account (principal or condition); give each environment its own secret and key.
#   references:
#     - OWASP NHI2:2025 Secret Leakage
#     - OWASP NHI9:2025 NHI Reuse
#     - NIST CSF PR.AC-4
package parity.rules.secrets.readable_from_peer

import data.parity.lib

noun := {"secret": "secret", "kms_key": "KMS key"}

finding contains f if {
	some p in input.paths.reach
	noun[p.kind]
	f := lib.with_severity(
		lib.finding(p.resource, p.side,
			{"arn": p.arn, "account_id": p.owner.account_id, "access": p.access, "actions": p.actions, "via": p.via, "witness": p.witness},
			{"account_id": p.from.account_id, "principal": p.witness.principal}, sprintf(
				"%s %s %s (account %s) allows %s to the %s account %s, e.g. %s calling %s; the %s side is exposed",
				[lib.env_name[p.side], noun[p.kind], p.arn, p.owner.account_id, concat(", ", p.access), lib.env_name[lib.other[p.side]], p.from.account_id, p.witness.principal, p.witness.action, lib.env_name[p.side]],
			)),
		severity(p),
	)
}

severe := {"read", "decrypt", "administer"}

severity(p) := lib.weaker_severity(p.side, "critical", "high") if {
	some a in p.access
	severe[a]
}

severity(p) := lib.weaker_severity(p.side, "high", "medium") if {
	every a in p.access {
		not severe[a]
	}
}
