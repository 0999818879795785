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

# This rule visits every user's every key, and a large account has
# thousands, so it avoids what costs most per key in OPA: arithmetic on
# large numbers (lib.days_since) and function calls (lib.finding,
# lib.with_severity). The finding is built as one object, and a key created
# after created_by is skipped before its age is computed.
finding contains f if {
	some side in lib.sides
	some key in input[side].kinds.iam_user
	r := input[side].resources[key]
	some k in object.get(r.info, "access_keys", [])
	lower(object.get(k, "status", "Active")) == "active"
	time.parse_rfc3339_ns(k.created_at) <= created_by
	age := lib.days_since(k.created_at)
	age > input.params.key_max_age_days
	f := {
		"resource": key,
		side: {"id_suffix": k.id_suffix, "created_at": k.created_at},
		lib.other[side]: null,
		"severity": severity[side],
		"message": sprintf(
			"%s user %s has access key ...%s created %s, %d days ago (limit %d)",
			[lib.env_name[side], r.name, k.id_suffix, k.created_at, age, input.params.key_max_age_days],
		),
	}
}

severity := {"production": "medium", "staging": "low"}

# created_by is the latest creation time a key older than the limit can
# have. A key created after it is less than key_max_age_days old, so its
# age, floor((now - created) / day), is at most the limit: skipping it
# drops no finding. Keys at or before it are judged by their age as usual.
created_by := lib.now_ns - (input.params.key_max_age_days * 86400000000000)
