# METADATA
# title: Weaker encryption key than the twin
# description: |
#   A secret or SecureString parameter is encrypted with an AWS-managed key
#   in one environment and a customer-managed key in the other. An
#   AWS-managed key's policy cannot be narrowed, so anyone allowed to use
#   the service in that account can decrypt.
# custom:
#   category: secrets
#   severity: medium
#   remediation: Encrypt with a customer-managed key whose policy names the readers, as the twin does.
#   references:
#     - OWASP NHI2:2025 Secret Leakage
#     - NIST CSF PR.DS-1
package parity.rules.secrets.encryption_key

import data.parity.lib

finding contains f if {
	some kind in ["secret", "ssm_parameter"]
	some side in lib.sides
	some key in input.drift[kind]
	mine := input[side].resources[key]
	theirs := lib.twin(side, key)
	not object.get(mine.attrs, "type", null) == "String"
	not object.get(theirs.attrs, "type", null) == "String"
	a := key_ref(object.get(mine.attrs, "kms_key", null))
	b := key_ref(object.get(theirs.attrs, "kms_key", null))
	not foreign(a)
	not foreign(b)
	strength(a) < strength(b)
	f := lib.with_severity(
		lib.finding(key, side, {"kms_key": a}, {"kms_key": b}, sprintf(
			"%s %s is encrypted with %s in %s but %s in %s; the %s side is weaker",
			[kind_noun[kind], mine.name, a, lib.env_name[side], b, lib.env_name[lib.other[side]], lib.env_name[side]],
		)),
		lib.weaker_severity(side, "medium", "low"),
	)
}

kind_noun := {"secret": "secret", "ssm_parameter": "parameter"}

# A String parameter has no key; parameter_plaintext judges it.
# key_ref takes the attribute, not the resource: OPA hashes a function's
# arguments to cache its result, and hashing a resource converts all of it.
key_ref(k) := k if lib.present(k)

key_ref(k) := "aws-managed" if lib.empty(k)

# A key of the other account is secrets.foreign_key's finding.
foreign(k) if contains(k, "@${peer_account}")

strength("aws-managed") := 1

strength(k) := 2 if k != "aws-managed"
