# METADATA
# title: Long-lived access keys where the twin has none
# description: |
#   A user has active access keys in one environment while its twin has
#   none, so one environment relies on long-lived credentials the other
#   shows are not needed.
# custom:
#   category: identity
#   severity: high
#   remediation: Replace the keys with a role assumed through federation or workload identity, as the twin does, and deactivate them.
#   references:
#     - OWASP NHI7:2025 Long-Lived Secrets
#     - NIST CSF PR.AC-1
package parity.rules.identity.access_keys_one_side

import data.parity.lib

finding contains f if {
	some side in lib.sides
	some key in input[side].kinds.iam_user
	mine := input[side].resources[key]
	theirs := lib.twin(side, key)
	their_keys := object.get(theirs.info, "access_keys", [])
	not any_active(their_keys)
	keys := active_keys(object.get(mine.info, "access_keys", []))
	count(keys) > 0
	f := lib.with_severity(
		lib.finding(key, side, {"active_keys": keys}, {"active_keys": []}, sprintf(
			"%s user %s has %d active access key(s) and its %s twin has none; the %s side is weaker",
			[lib.env_name[side], mine.name, count(keys), lib.env_name[lib.other[side]], lib.env_name[side]],
		)),
		lib.weaker_severity(side, "high", "medium"),
	)
}

# active_keys takes the key list, not the user: OPA hashes a function's
# arguments to cache its result, and hashing a user would convert all of its
# attrs (policies included) to OPA values on every user of the account.
active_keys(access_keys) := sort([k.id_suffix |
	some k in access_keys
	lower(object.get(k, "status", "Active")) == "active"
])

# any_active is count(active_keys(access_keys)) > 0, stopping at the first
# active key: most twins have one, so most users are passed over without
# listing and sorting their keys.
any_active(access_keys) if {
	some k in access_keys
	lower(object.get(k, "status", "Active")) == "active"
	_ = k.id_suffix
}
