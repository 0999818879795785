# METADATA
# title: Encrypted with a key of the other environment's account
# description: |
#   A secret, parameter, log group or trail is encrypted with a KMS key
#   that lives in the other environment's account: that account's key
#   policy decides who can decrypt this environment's data, and it can make
#   the data unreadable. A production resource under a staging key is high;
#   a staging resource under a production key is low.
# custom:
#   category: secrets
#   severity: high
#   remediation: Re-encrypt with a customer-managed key in the resource's own account.
#   references:
#     - OWASP NHI2:2025 Secret Leakage
#     - NIST CSF PR.DS-1
package parity.rules.secrets.foreign_key

import data.parity.lib

finding contains f if {
	some e in input.paths.egress
	e.path == "encryption_key"
	f := lib.with_severity(
		lib.finding(e.resource, e.side,
			{"name": e.name, "arn": object.get(e, "arn", ""), "account_id": e.owner.account_id},
			{"kms_key": e.sink, "account_id": e.sink_owner.account_id}, sprintf(
				"%s %s %s (account %s) is encrypted with key %s of the %s account %s; the %s side depends on the other environment",
				[lib.env_name[e.side], kind_noun[e.kind], name(e), e.owner.account_id, e.sink, lib.env_name[lib.other[e.side]], e.sink_owner.account_id, lib.env_name[e.side]],
			)),
		lib.weaker_severity(e.side, "high", "low"),
	)
}

kind_noun := {"secret": "secret", "ssm_parameter": "parameter", "log_group": "log group", "trail": "trail"}

name(e) := e.arn if e.arn != ""

name(e) := e.name if object.get(e, "arn", "") == ""
