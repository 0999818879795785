# METADATA
# title: Secret rotation weaker in one environment
# description: |
#   A secret rotates automatically in one environment and not in the other,
#   or both rotate but one on a longer interval. The side that rotates less
#   often keeps a leaked value useful for longer.
# custom:
#   category: secrets
#   severity: high
#   remediation: Enable rotation on the twin with the same (shorter) interval.
#   references:
#     - OWASP NHI7:2025 Long-Lived Secrets
#     - NIST CSF PR.AC-1
package parity.rules.secrets.rotation

import data.parity.lib

finding contains f if {
	some side in lib.sides
	some key in input.drift.secret
	mine := input[side].resources[key]
	theirs := lib.twin(side, key)
	object.get(mine.attrs, "rotation_enabled", null) == true
	object.get(theirs.attrs, "rotation_enabled", null) != true
	weak := lib.other[side]
	f := lib.with_severity(
		lib.finding(key, side, {"rotation_enabled": true}, {"rotation_enabled": false}, sprintf(
			"secret %s rotates in %s but not in %s; the %s side is weaker",
			[mine.name, lib.env_name[side], lib.env_name[weak], lib.env_name[weak]],
		)),
		lib.weaker_severity(weak, "high", "medium"),
	)
}

finding contains f if {
	some side in lib.sides
	some key in input.drift.secret
	mine := input[side].resources[key]
	theirs := lib.twin(side, key)
	object.get(mine.attrs, "rotation_enabled", null) == true
	object.get(theirs.attrs, "rotation_enabled", null) == true
	d := object.get(mine.attrs, "rotation_days", null)
	t := object.get(theirs.attrs, "rotation_days", null)
	is_number(d)
	is_number(t)
	d < t
	weak := lib.other[side]
	f := lib.with_severity(
		lib.finding(key, side, {"rotation_days": d}, {"rotation_days": t}, sprintf(
			"secret %s rotates every %d days in %s but every %d days in %s; the %s side is weaker",
			[mine.name, d, lib.env_name[side], t, lib.env_name[weak], lib.env_name[weak]],
		)),
		lib.weaker_severity(weak, "medium", "low"),
	)
}
