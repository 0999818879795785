# METADATA
# title: Permissions boundary in one environment only
# description: |
#   An identity has a permissions boundary in one environment and none in
#   the other, so the twin without it can be granted more than intended.
# custom:
#   category: identity
#   severity: medium
#   remediation: Attach the same permissions boundary to the identity in both environments.
#   references:
#     - NIST CSF PR.AC-4
package parity.rules.identity.permissions_boundary

import data.parity.lib

finding contains f if {
	some kind in ["iam_role", "iam_user"]
	some side in lib.sides
	some key in input.drift[kind]
	mine := input[side].resources[key]
	theirs := lib.twin(side, key)
	b := object.get(mine.attrs, "permissions_boundary", null)
	lib.present(b)
	lib.empty(object.get(theirs.attrs, "permissions_boundary", null))
	weak := lib.other[side]
	f := lib.with_severity(
		lib.finding(key, side, {"permissions_boundary": b}, {"permissions_boundary": null}, sprintf(
			"%s %s %s has permissions boundary %s and its %s twin has none; the %s side is weaker",
			[lib.env_name[side], noun[kind], mine.name, b, lib.env_name[weak], lib.env_name[weak]],
		)),
		lib.weaker_severity(weak, "medium", "low"),
	)
}

noun := {"iam_role": "role", "iam_user": "user"}
