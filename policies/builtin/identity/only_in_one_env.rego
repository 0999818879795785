# METADATA
# title: Identity exists in one environment only
# description: |
#   A role or user exists in one environment and has no twin in the other:
#   a leftover or orphaned non-human identity whose purpose nobody can
#   confirm by comparison. It is graded by what it holds: critical when it
#   starts a chain of role assumptions into the other environment, high
#   when it is admin-equivalent with an active access key, low for a
#   service-linked role, medium otherwise. The evidence names its
#   permissions (by service, from its effective policies), its policies and
#   its active keys.
# custom:
#   category: identity
#   severity: medium
#   remediation: Delete the identity if it is unused, or create its twin so both environments match; record its owner.
#   references:
#     - OWASP NHI1:2025 Improper Offboarding
#     - NIST CSF PR.AC-1
package parity.rules.identity.only_in_one_env

import data.parity.lib

finding contains f if {
	some o in input.paths.one_sided
	f := lib.with_severity(
		lib.finding(o.resource, o.side, {
			"arn": o.arn, "account_id": o.account.account_id, "grade": o.grade,
			"admin_equivalent": o.admin_equivalent, "permissions": o.permissions, "policies": o.policies,
			"active_access_keys": o.active_access_keys, "reaches_other_env": o.reaches_other_env,
		}, {"exists": false}, sprintf(
			"%s %s (account %s) exists only in %s: %s%s%s (last used %s)",
			[noun[o.kind], o.arn, o.account.account_id, lib.env_name[o.side], lib.reach_text[o.grade], keys_text(o), reach_text(o), last_use(o)],
		)),
		severity(o),
	)
}

noun := {"iam_role": "role", "iam_user": "user"}

keys_text(o) := sprintf(", active access keys %s", [concat(", ", o.active_access_keys)]) if count(o.active_access_keys) > 0

keys_text(o) := "" if count(o.active_access_keys) == 0

reach_text(o) := sprintf(", reaches the %s environment", [lib.env_name[lib.other[o.side]]]) if o.reaches_other_env

reach_text(o) := "" if not o.reaches_other_env

last_use(o) := o.last_used if object.get(o, "last_used", "") != ""

last_use(o) := "never" if object.get(o, "last_used", "") == ""

severity(o) := "critical" if o.reaches_other_env

severity(o) := "high" if {
	not o.reaches_other_env
	o.admin_equivalent
	count(o.active_access_keys) > 0
}

severity(o) := "low" if {
	not o.reaches_other_env
	not admin_with_key(o)
	o.service_linked
}

severity(o) := "medium" if {
	not o.reaches_other_env
	not admin_with_key(o)
	not o.service_linked
}

admin_with_key(o) if {
	o.admin_equivalent
	count(o.active_access_keys) > 0
}
