# METADATA
# title: Trust policy open to any principal in one environment only
# description: |
#   A role can be assumed by an arbitrary principal of an unrelated account
#   in one environment and not in its twin. Judged by evaluation, not by
#   reading: a stranger's sts:AssumeRole with no request context is allowed
#   (critical: no condition protects it), or the trust names "*" behind a
#   condition (high). Negated or IfExists conditions do not protect.
# custom:
#   category: identity
#   severity: high
#   remediation: Name the principals that may assume the role, as the twin does, or add a condition that pins the caller.
#   references:
#     - OWASP NHI5:2025 Overprivileged NHI
#     - NIST CSF PR.AC-4
package parity.rules.identity.trust_open_to_any

import data.parity.lib

finding contains f if {
	some side in lib.sides
	some key in input.drift.iam_role
	r := input[side].resources[key]
	level := openness(object.get(r.attrs, "trust", []))
	twin := object.get(object.get(input[lib.other[side]].resources, key, {"attrs": {}}).attrs, "trust", [])
	rank[level] > rank[openness(twin)]
	f := lib.with_severity(
		lib.finding(key, side, {"openness": level, "witness": stranger_request(level)}, {"openness": openness(twin)}, sprintf(
			"%s role %s can be assumed by any principal (%s) and its %s twin cannot; the %s side is weaker",
			[lib.env_name[side], r.name, qualifier[level], lib.env_name[lib.other[side]], lib.env_name[side]],
		)),
		severity[level],
	)
}

# stranger is a principal of an account neither environment knows.
stranger := "AWS:arn:aws:iam::000000000000:user/parity-stranger"

assume_actions := ["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML", "sts:TagSession"]

open_action(trust) := a if {
	some a in assume_actions
	parity.iam.allows_request(trust, {"principal": stranger, "action": a, "resource": "*"})
}

openness(trust) := "open" if {
	open_action(trust)
}

openness(trust) := "conditioned" if {
	not open_action(trust)
	some g in lib.allow_grants(trust)
	g.principal == "*"
}

openness(trust) := "closed" if {
	not open_action(trust)
	not star(trust)
}

star(trust) if {
	some g in lib.allow_grants(trust)
	g.principal == "*"
}

stranger_request("open") := {"principal": stranger, "action": "sts:AssumeRole", "resource": "*"}

stranger_request(level) := null if level != "open"

rank := {"open": 2, "conditioned": 1, "closed": 0}

qualifier := {"open": "no condition protects it", "conditioned": "behind a condition"}

severity := {"open": "critical", "conditioned": "high"}
