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

# This rule visits every user's every key, and a large account has
# thousands, so it avoids what costs most per key in OPA: arithmetic on
# large numbers (lib.days_since) and function calls (lib.finding,
# lib.with_severity). The finding is built as one object, and a key last
# used after used_by is skipped before its idle days are computed.
finding contains f if {
	some side in lib.sides
	some key in input[side].kinds.iam_user
	r := input[side].resources[key]
	some k in object.get(r.info, "access_keys", [])
	lower(object.get(k, "status", "Active")) == "active"
	last := last_used(k)
	time.parse_rfc3339_ns(last) <= used_by
	idle := lib.days_since(last)
	idle > input.params.key_unused_days
	f := {
		"resource": key,
		side: {"id_suffix": k.id_suffix, "created_at": k.created_at, "last_used": object.get(k, "last_used", null)},
		lib.other[side]: null,
		"severity": severity[side],
		"message": sprintf(
			"%s user %s has active access key ...%s %s (limit %d days)",
			[lib.env_name[side], r.name, k.id_suffix, idle_text(k, idle), input.params.key_unused_days],
		),
	}
}

severity := {"production": "medium", "staging": "low"}

# used_by is the latest last use a key idle for longer than the limit can
# have. A key last used after it has been idle for less than
# key_unused_days, so its idle days, floor((now - last) / day), are at most
# the limit: skipping it drops no finding. Keys at or before it are judged
# by their idle days as usual.
used_by := lib.now_ns - (input.params.key_unused_days * 86400000000000)

# A key never used counts as idle since it was created. present and empty
# are complements, so else is the second case; it also spares the second
# body's evaluation on every key.
last_used(k) := k.last_used if lib.present(object.get(k, "last_used", null)) else := k.created_at

idle_text(k, idle) := sprintf("last used %d days ago", [idle]) if {
	lib.present(object.get(k, "last_used", null))
} else := sprintf("never used in the %d days since it was created", [idle])
