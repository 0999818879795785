# METADATA
# title: Trust condition present in one environment only
# description: |
#   A role's trust policy pins its callers with a condition (sts:ExternalId,
#   an OIDC provider's aud, aws:SourceAccount, aws:SourceArn,
#   aws:PrincipalOrgID) in one environment while its twin does not. Only
#   the condition keys are compared: their values legitimately differ.
# custom:
#   category: identity
#   severity: high
#   remediation: Add the same condition key to the twin's trust policy with that environment's value.
#   references:
#     - OWASP NHI5:2025 Overprivileged NHI
#     - NIST CSF PR.AC-4
package parity.rules.identity.trust_conditions

import data.parity.lib

finding contains f if {
	some side in lib.sides
	some key in input.drift.iam_role
	mine := input[side].resources[key]
	theirs := lib.twin(side, key)
	mine_keys := cond_keys(object.get(mine.attrs, "trust", []))
	their_keys := cond_keys(object.get(theirs.attrs, "trust", []))
	missing := mine_keys - their_keys
	count(missing) > 0
	weak := lib.other[side]
	ks := sort(missing)
	f := lib.with_severity(
		lib.finding(key, side, {"condition_keys": ks}, {"condition_keys": sort(their_keys)}, sprintf(
			"%s role %s trust policy requires %s and its %s twin does not; the %s side is weaker",
			[lib.env_name[side], mine.name, concat(", ", ks), lib.env_name[weak], lib.env_name[weak]],
		)),
		lib.weaker_severity(weak, "high", "medium"),
	)
}

# cond_keys takes the trust grants, not the role: OPA hashes a function's
# arguments to cache its result, and hashing a role converts all of its
# attrs (its permissions included) to OPA values.
cond_keys(trust) := {k |
	some g in lib.allow_grants(trust)
	some _, keys in object.get(g, "condition", {})
	some k, _ in keys
	pinning(k)
}

pinning(k) if k in {"sts:externalid", "aws:sourceaccount", "aws:sourcearn", "aws:sourceorgid", "aws:principalorgid"}

pinning(k) if endswith(k, ":aud")

# Subject conditions (":sub") are judged by identity.federated_any_subject
# and identity.shared_workload_identity from what they accept.
