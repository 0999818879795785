# METADATA
# title: Logs delivered to the other environment's account
# description: |
#   A log group's subscription filter, a trail's bucket or log group, or a
#   flow log's destination belongs to the other environment's account
#   (bucket ownership from each account's own bucket list): the other
#   environment receives, and may read or drop, this environment's logs.
#   Production logs delivered to staging are high; staging logs delivered
#   to production are low.
# custom:
#   category: logging
#   severity: high
#   remediation: Deliver each environment's logs to a sink in its own account or in a dedicated log-archive account.
#   references:
#     - OWASP NHI9:2025 NHI Reuse
#     - NIST CSF PR.PT-1
#     - NIST CSF PR.DS-5
package parity.rules.logging.data_leaves_env

import data.parity.lib

what := {
	"subscription_filter": "subscription filter delivers to",
	"trail_bucket": "trail writes to bucket",
	"trail_log_group": "trail writes to log group",
	"flow_log_destination": "flow log delivers to",
}

finding contains f if {
	some e in input.paths.egress
	what[e.path]
	f := lib.with_severity(
		lib.finding(e.resource, e.side,
			{"name": e.name, "arn": object.get(e, "arn", ""), "account_id": e.owner.account_id, "path": e.path},
			{"sink": e.sink, "account_id": e.sink_owner.account_id}, sprintf(
				"%s %s (account %s): %s %s owned by the %s account %s; %s logs leave their environment",
				[lib.env_name[e.side], display(e), e.owner.account_id, what[e.path], e.sink, lib.env_name[lib.other[e.side]], e.sink_owner.account_id, lib.env_name[e.side]],
			)),
		lib.weaker_severity(e.side, "high", "low"),
	)
}

display(e) := e.arn if e.arn != ""

display(e) := e.name if object.get(e, "arn", "") == ""
