# METADATA
# title: Identity exists in one environment only
# description: |
#   A role or user exists in one environment and has no twin in the other:
#   a leftover or orphaned non-human identity whose purpose nobody can
#   confirm by comparison. The message carries its last use.
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
	some kind in ["iam_role", "iam_user"]
	some side in lib.sides
	some key in input.drift[kind]
	r := input[side].resources[key]
	not input[lib.other[side]].resources[key]
	f := lib.with_severity(
		lib.finding(key, side, {"exists": true}, {"exists": false}, sprintf(
			"%s %s exists only in %s (last used %s)",
			[noun[kind], r.name, lib.env_name[side], last_use(r)],
		)),
		severity(r),
	)
}

noun := {"iam_role": "role", "iam_user": "user"}

# Service-linked roles are created by AWS when a service is first used.
severity(r) := "low" if startswith(object.get(r.attrs, "path", ""), "/aws-service-role/")

severity(r) := "medium" if not startswith(object.get(r.attrs, "path", ""), "/aws-service-role/")

last_use(r) := max(uses(r)) if count(uses(r)) > 0

last_use(r) := "never" if count(uses(r)) == 0

uses(r) := {t |
	some t in array.concat(
		[object.get(r.info, "last_used", ""), object.get(r.info, "password_last_used", "")],
		[k.last_used | some k in object.get(r.info, "access_keys", [])],
	)
	is_string(t)
	t != ""
}
