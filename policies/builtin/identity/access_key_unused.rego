# METADATA
# title: Access key unused for too long
# description: |
#   An active access key has not been used for params.key_unused_days
#   (default 90, Options.KeyUnusedDays) days, or was never used and is older than that: a
#   credential nobody needs that still works.
# custom:
#   category: identity
#   severity: medium
#   remediation: Deactivate and delete the key; if something still needs it, it will fail loudly and can be moved to a role.
#   references:
#     - OWASP NHI1:2025 Improper Offboarding
#     - CIS AWS Foundations 1.12
package parity.rules.identity.access_key_unused

import data.parity.lib

finding contains f if {
	some side in lib.sides
	some key in input[side].kinds.iam_user
	r := input[side].resources[key]
	some k in object.get(r.info, "access_keys", [])
	lower(object.get(k, "status", "Active")) == "active"
	last := last_used(k)
	idle := lib.days_since(last)
	idle > input.params.key_unused_days
	f := lib.with_severity(
		lib.finding(key, side, {"id_suffix": k.id_suffix, "created_at": k.created_at, "last_used": object.get(k, "last_used", null)}, null, sprintf(
			"%s user %s has active access key ...%s %s (limit %d days)",
			[lib.env_name[side], r.name, k.id_suffix, idle_text(k, idle), input.params.key_unused_days],
		)),
		lib.weaker_severity(side, "medium", "low"),
	)
}

# A key never used counts as idle since it was created.
last_used(k) := k.last_used if lib.present(object.get(k, "last_used", null))

last_used(k) := k.created_at if lib.empty(object.get(k, "last_used", null))

idle_text(k, idle) := sprintf("last used %d days ago", [idle]) if lib.present(object.get(k, "last_used", null))

idle_text(k, idle) := sprintf("never used in the %d days since it was created", [idle]) if lib.empty(object.get(k, "last_used", null))
