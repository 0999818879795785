# METADATA
# title: VPC flow logs in one environment only
# description: |
#   A flow log is active in one environment and missing or inactive in the
#   other, so network traffic there leaves no record.
# custom:
#   category: logging
#   severity: medium
#   remediation: Create the same flow log (traffic type and destination type) for the twin VPC.
#   references:
#     - CIS AWS Foundations 3.9
#     - NIST CSF DE.CM-1
package parity.rules.logging.flow_logs

import data.parity.lib

finding contains f if {
	some side in lib.sides
	some key in input.drift.flow_log
	mine := input[side].resources[key]
	active(object.get(mine.attrs, "status", "ACTIVE"))
	not twin_active(side, key)
	weak := lib.other[side]
	f := lib.with_severity(
		lib.finding(key, side, {"active": true, "traffic_type": object.get(mine.attrs, "traffic_type", "")}, {"active": false}, sprintf(
			"flow log %s is active in %s but missing or inactive in %s; the %s side is weaker",
			[mine.name, lib.env_name[side], lib.env_name[weak], lib.env_name[weak]],
		)),
		lib.weaker_severity(weak, "medium", "low"),
	)
}

# active takes the status, not the flow log: OPA hashes a function's
# arguments to cache its result, and hashing a resource converts all of it.
active(status) if upper(status) == "ACTIVE"

twin_active(side, key) if active(object.get(lib.twin(side, key).attrs, "status", "ACTIVE"))
