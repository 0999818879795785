# METADATA
# title: Shorter log retention in one environment
# description: |
#   A log group keeps events for fewer days in one environment than in the
#   other (0 means never expire, the longest). The shorter side may lose
#   evidence an investigation needs.
# custom:
#   category: logging
#   severity: medium
#   remediation: Set the twin's retention (or longer) on this log group.
#   references:
#     - NIST CSF PR.PT-1
package parity.rules.logging.retention

import data.parity.lib

finding contains f if {
	some side in lib.sides
	some key in input.drift.log_group
	mine := input[side].resources[key]
	theirs := lib.twin(side, key)
	a := object.get(mine.attrs, "retention_days", 0)
	b := object.get(theirs.attrs, "retention_days", 0)
	effective(a) < effective(b)
	f := lib.with_severity(
		lib.finding(key, side, {"retention_days": a}, {"retention_days": b}, sprintf(
			"log group %s keeps events %s in %s but %s in %s; the %s side is weaker",
			[mine.name, text(a), lib.env_name[side], text(b), lib.env_name[lib.other[side]], lib.env_name[side]],
		)),
		lib.weaker_severity(side, "medium", "low"),
	)
}

# 0 (or unset) never expires: longer than any number of days.
effective(d) := d if d > 0

effective(d) := 1000000 if d <= 0

text(d) := sprintf("%d days", [d]) if d > 0

text(d) := "forever" if d <= 0
