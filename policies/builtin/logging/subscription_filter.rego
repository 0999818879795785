# METADATA
# title: Log subscription (SIEM forwarding) in one environment only
# description: |
#   A log group forwards to a subscription filter (usually the SIEM) in one
#   environment and has none in the other, so events there are never seen
#   by detection.
# custom:
#   category: logging
#   severity: high
#   remediation: Add the same subscription filter to the twin log group.
#   references:
#     - NIST CSF DE.CM-1
#     - OWASP NHI10:2025 Human Use of NHI
package parity.rules.logging.subscription_filter

import data.parity.lib

finding contains f if {
	some side in lib.sides
	some key in input.drift.log_group
	mine := input[side].resources[key]
	theirs := lib.twin(side, key)
	n := count(object.get(mine.attrs, "subscription_filters", []))
	n > 0
	count(object.get(theirs.attrs, "subscription_filters", [])) == 0
	weak := lib.other[side]
	f := lib.with_severity(
		lib.finding(key, side, {"subscription_filters": n}, {"subscription_filters": 0}, sprintf(
			"log group %s forwards to %d subscription filter(s) in %s and none in %s; the %s side is weaker",
			[mine.name, n, lib.env_name[side], lib.env_name[weak], lib.env_name[weak]],
		)),
		lib.weaker_severity(weak, "high", "medium"),
	)
}
