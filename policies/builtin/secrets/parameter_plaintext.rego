# METADATA
# title: Plaintext parameter where the twin is encrypted
# description: |
#   An SSM parameter is a plain String in one environment and a
#   SecureString in the other: the plaintext side stores a value its twin
#   treats as secret without encryption or a key policy.
# custom:
#   category: secrets
#   severity: high
#   remediation: Recreate the parameter as a SecureString with the twin's key.
#   references:
#     - OWASP NHI2:2025 Secret Leakage
#     - NIST CSF PR.DS-1
package parity.rules.secrets.parameter_plaintext

import data.parity.lib

finding contains f if {
	some side in lib.sides
	some key in input.drift.ssm_parameter
	mine := input[side].resources[key]
	theirs := lib.twin(side, key)
	object.get(mine.attrs, "type", null) == "String"
	object.get(theirs.attrs, "type", null) == "SecureString"
	f := lib.with_severity(
		lib.finding(key, side, {"type": "String"}, {"type": "SecureString"}, sprintf(
			"parameter %s is a plain String in %s but a SecureString in %s; the %s side is weaker",
			[mine.name, lib.env_name[side], lib.env_name[lib.other[side]], lib.env_name[side]],
		)),
		lib.weaker_severity(side, "high", "medium"),
	)
}
