# METADATA
# title: Access key older than the rotation limit
# description: |
#   An active access key was created more than params.key_max_age_days
#   (default 90, Options.KeyMaxAgeDays) days ago and has not been rotated.
# custom:
#   category: identity
#   severity: medium
#   remediation: Rotate the key (create a new one, switch the consumer, deactivate and delete the old one), or replace it with a role.
#   references:
#     - OWASP NHI7:2025 Long-Lived Secrets
#     - CIS AWS Foundations 1.14
package parity.rules.identity.access_key_age

import data.parity.lib

finding contains f if {
	some side in lib.sides
	some key in input[side].kinds.iam_user
	r := input[side].resources[key]
	some k in object.get(r.info, "access_keys", [])
	lower(object.get(k, "status", "Active")) == "active"
	age := lib.days_since(k.created_at)
	age > input.params.key_max_age_days
	f := lib.with_severity(
		lib.finding(key, side, {"id_suffix": k.id_suffix, "created_at": k.created_at}, null, sprintf(
			"%s user %s has access key ...%s created %s, %d days ago (limit %d)",
			[lib.env_name[side], r.name, k.id_suffix, k.created_at, age, input.params.key_max_age_days],
		)),
		lib.weaker_severity(side, "medium", "low"),
	)
}
