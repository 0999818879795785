# METADATA
# title: Trust policy admits a principal its twin does not
# description: |
#   A role's trust policy, evaluated, lets a principal assume the role that
#   its twin's trust policy does not: a new third-party account, a
#   federated identity provider, a service, or another principal of the own
#   account. The witness names the principal and the request. Principals of
#   the other environment and "anyone" are judged by cross_env_trust and
#   trust_open_to_any. Federated and other-account principals are high in
#   production and medium in staging; services and own-account principals
#   medium and low.
# custom:
#   category: identity
#   severity: high
#   remediation: Remove the extra principal from the trust policy, or add it to the twin if both environments really need it.
#   references:
#     - OWASP NHI5:2025 Overprivileged NHI
#     - NIST CSF PR.AC-4
package parity.rules.identity.trust_wider

import data.parity.lib

finding contains f if {
	some key in input.drift.iam_role
	v := input.verdicts[key].trust
	some side in lib.sides
	w := v[sprintf("%s_only", [side])]
	not contains(object.get(w, "principal", ""), "${peer_account}")
	not contains(object.get(w, "principal", ""), "000000000000")
	not named_by_twin(side, key, object.get(w, "principal", ""))
	class := principal_class(object.get(w, "principal", ""))
	mine := input[side].resources[key]
	f := lib.with_severity(
		lib.finding(key, side, {"witness": w, "principal_class": class}, null, sprintf(
			"%s role %s lets %s call %s and its %s twin does not; the %s side trusts more",
			[lib.env_name[side], mine.name, object.get(w, "principal", "a principal"), w.action, lib.env_name[lib.other[side]], lib.env_name[side]],
		)),
		severity(side, class),
	)
}

# named_by_twin: the twin's trust already names the witness's account or
# provider, so the difference lies in the conditions, which
# trust_conditions judges; this rule is about principals the twin does not
# trust at all.
named_by_twin(side, key, p) if {
	id := principal_id(p)
	some g in object.get(lib.twin(side, key).attrs, "trust", [])
	is_string(g.principal)
	contains(g.principal, id)
}

principal_id(p) := id if {
	m := regex.find_n(`arn:aws:iam::[^:]*:`, p, 1)
	count(m) == 1
	id := m[0]
}

principal_id(p) := p if {
	not regex.match(`arn:aws:iam::[^:]*:`, p)
}

principal_class(p) := "federated" if startswith(p, "Federated:")

principal_class(p) := "service" if startswith(p, "Service:")

principal_class(p) := "own account" if {
	startswith(p, "AWS:")
	contains(p, "${self_account}")
}

principal_class(p) := "other account" if {
	startswith(p, "AWS:")
	not contains(p, "${self_account}")
}

principal_class(p) := "other" if {
	not startswith(p, "Federated:")
	not startswith(p, "Service:")
	not startswith(p, "AWS:")
}

severity(side, class) := lib.weaker_severity(side, "high", "medium") if class in {"federated", "other account"}

severity(side, class) := lib.weaker_severity(side, "medium", "low") if not class in {"federated", "other account"}
