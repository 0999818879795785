# METADATA
# title: Identity more privileged than its twin
# description: |
#   An identity's permission set strictly contains its twin's: every grant
#   of the twin is covered (action and resource wildcards considered) and at
#   least one grant is not. Admin-equivalent grants ("*" on "*") are rated
#   critical; otherwise a more privileged production identity is high and a
#   more privileged staging identity medium.
# custom:
#   category: identity
#   severity: high
#   remediation: Remove the extra grants, or grant the twin the same if both environments really need them.
#   references:
#     - OWASP NHI5:2025 Overprivileged NHI
#     - NIST CSF PR.AC-4
package parity.rules.identity.wider_permissions

import data.parity.lib

finding contains f if {
	some kind in lib.identity_kinds
	some side in lib.sides
	some key in input.drift[kind]
	mine := input[side].resources[key]
	theirs := lib.twin(side, key)
	a := lib.allow_grants(object.get(mine.attrs, "permissions", []))
	b := lib.allow_grants(object.get(theirs.attrs, "permissions", []))
	extra := [g | some g in a; not lib.covered(g, b)]
	count(extra) > 0
	every g in b {
		lib.covered(g, a)
	}
	every d in denies(mine) {
		d in denies(theirs)
	}
	ev := sort([{"action": g.action, "resource": g.resource} | some g in extra])
	f := lib.with_severity(
		lib.finding(key, side, {"extra_grants": ev}, null, sprintf(
			"%s %s %s allows %d grant(s) its %s twin does not (e.g. %s on %s); the %s side is more privileged",
			[lib.env_name[side], kind_noun[kind], mine.name, count(extra), lib.env_name[lib.other[side]], ev[0].action, ev[0].resource, lib.env_name[side]],
		)),
		severity(side, extra),
	)
}

denies(r) := [g | some g in object.get(r.attrs, "permissions", []); g.effect == "Deny"]

kind_noun := {"iam_role": "role", "iam_user": "user", "iam_group": "group", "iam_policy": "policy"}

severity(_, extra) := "critical" if {
	some g in extra
	lib.admin(g)
}

severity(side, extra) := lib.weaker_severity(side, "high", "medium") if {
	not any_admin(extra)
}

any_admin(extra) if {
	some g in extra
	lib.admin(g)
}
