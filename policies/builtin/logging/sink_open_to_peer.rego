# METADATA
# title: Log sink writable or readable from the other environment's account
# description: |
#   A CloudWatch Logs destination's access policy, or the policy of a bucket
#   that trails and flow logs write to, lets a principal (or a service
#   acting for it, judged by aws:SourceAccount and aws:SourceArn) of the
#   other environment's account subscribe to, write, read or delete the
#   environment's logs: the other environment can inject into or read the
#   audit trail. Production sinks open to staging are high; the reverse is
#   medium.
# custom:
#   category: logging
#   severity: high
#   remediation: Restrict the sink's policy to the accounts that must deliver to it; keep each environment's log sinks to itself.
#   references:
#     - OWASP NHI5:2025 Overprivileged NHI
#     - NIST CSF PR.PT-1
#     - NIST CSF DE.CM-1
package parity.rules.logging.sink_open_to_peer

import data.parity.lib

noun := {"log_destination": "log destination", "s3_bucket": "log bucket"}

finding contains f if {
	some p in input.paths.reach
	noun[p.kind]
	f := lib.with_severity(
		lib.finding(p.resource, p.side,
			{"arn": p.arn, "account_id": p.owner.account_id, "access": p.access, "actions": p.actions, "witness": p.witness},
			{"account_id": p.from.account_id, "principal": p.witness.principal}, sprintf(
				"%s %s %s (account %s) allows %s to the %s account %s, e.g. %s calling %s; the %s side is exposed",
				[lib.env_name[p.side], noun[p.kind], p.arn, p.owner.account_id, concat(", ", p.access), lib.env_name[lib.other[p.side]], p.from.account_id, p.witness.principal, p.witness.action, lib.env_name[p.side]],
			)),
		lib.weaker_severity(p.side, "high", "medium"),
	)
}
