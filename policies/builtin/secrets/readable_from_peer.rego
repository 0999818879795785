# METADATA
# title: Secret or key readable from the other environment's account
# description: |
#   A secret's resource policy or a KMS key's policy lets a principal of the
#   other environment's account (or anyone, "*", without a condition) read
#   the secret or decrypt with the key: the environments share a secret.
#   A production secret readable from staging is critical; a staging secret
#   readable from production is high; one readable by anyone is critical.
# custom:
#   category: secrets
#   severity: critical
#   remediation: Remove the statement granting the other account (or "*"); give each environment its own secret and key.
#   references:
#     - OWASP NHI2:2025 Secret Leakage
#     - OWASP NHI9:2025 NHI Reuse
#     - NIST CSF PR.AC-4
package parity.rules.secrets.readable_from_peer

import data.parity.lib

read_action := {"secret": "secretsmanager:getsecretvalue", "kms_key": "kms:decrypt"}

policy_attr := {"secret": "resource_policy", "kms_key": "policy"}

finding contains f if {
	some kind, action in read_action
	some side in lib.sides
	some key in input[side].kinds[kind]
	r := input[side].resources[key]
	policy := object.get(r.attrs, policy_attr[kind], [])
	some g in policy
	reader := outsider(g)
	g.effect == "Allow"
	not g.not_principal
	parity.iam.allows_request(policy, {"principal": caller(g.principal), "action": action, "resource": "*"})
	f := lib.with_severity(
		lib.finding(key, side, {"principal": g.principal, "action": g.action}, null, sprintf(
			"%s %s %s can be read by %s (%s); the %s side is exposed",
			[lib.env_name[side], noun[kind], r.name, reader, g.principal, lib.env_name[side]],
		)),
		severity(side, reader),
	)
}

noun := {"secret": "secret", "kms_key": "KMS key"}

outsider(g) := "the other environment's account" if contains(g.principal, "${peer_account}")

outsider(g) := "any principal" if {
	g.principal == "*"
	count(object.get(g, "condition", {})) == 0
}

severity(_, "any principal") := "critical"

severity(side, "the other environment's account") := lib.weaker_severity(side, "critical", "high")

# caller is a concrete principal for a grant's principal: "*" is anyone,
# so a stranger of an unrelated account stands for it.
caller("*") := "AWS:arn:aws:iam::000000000000:user/parity-stranger"

caller(p) := p if p != "*"
