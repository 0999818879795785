# METADATA
# title: KMS key rotation on in one environment only
# description: |
#   A customer-managed KMS key has automatic rotation on in one environment
#   and off in the other.
# custom:
#   category: secrets
#   severity: medium
#   remediation: Enable automatic key rotation on the twin key.
#   references:
#     - CIS AWS Foundations 3.6
#     - NIST CSF PR.DS-1
package parity.rules.secrets.kms_rotation

import data.parity.lib

finding contains f if {
	some side in lib.sides
	some key in input.drift.kms_key
	mine := input[side].resources[key]
	theirs := lib.twin(side, key)
	object.get(mine.attrs, "rotation_enabled", null) == true
	object.get(theirs.attrs, "rotation_enabled", null) != true
	lower(object.get(theirs.attrs, "key_manager", "customer")) == "customer"
	weak := lib.other[side]
	f := lib.with_severity(
		lib.finding(key, side, {"rotation_enabled": true}, {"rotation_enabled": false}, sprintf(
			"KMS key %s rotates automatically in %s but not in %s; the %s side is weaker",
			[mine.name, lib.env_name[side], lib.env_name[weak], lib.env_name[weak]],
		)),
		lib.weaker_severity(weak, "medium", "low"),
	)
}
