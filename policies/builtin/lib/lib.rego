# METADATA
# title: parity rule library
# description: |
#   Helpers shared by the built-in rules and available to user rules as
#   data.parity.lib. Nothing here produces findings.
package parity.lib

# sides are the two environments; other maps a side to its twin's side.
sides := ["staging", "production"]

other := {"staging": "production", "production": "staging"}

# twin returns the resource with key in the other environment.
# env_name is how messages name a side: the snapshot's environment name
# ("stage", "prd"), or the side itself when the snapshot has none.
env_name[side] := name if {
	some side in sides
	name := object.get(input[side], "name", "")
	name != ""
}

env_name[side] := side if {
	some side in sides
	object.get(input[side], "name", "") == ""
}

twin(side, key) := input[other[side]].resources[key]

# finding builds a finding object with the evidence placed on the right side:
# mine is the evidence of side, theirs that of the other environment.
# One body, not one per side: a function's bodies are all evaluated on every
# call, and rules call this once per finding.
finding(key, side, mine, theirs, msg) := {"resource": key, "message": msg, side: mine, other[side]: theirs}

# with_severity overrides a rule's default severity for one finding.
with_severity(f, sev) := object.union(f, {"severity": sev})

# allow_grants are the plain Allow grants of a list: no NotAction,
# NotResource or NotPrincipal. Rules use them to read what a policy says
# (its principals and conditions); what it allows is for the parity.iam
# built-ins and input.verdicts, never re-derived here.
allow_grants(gs) := [g |
	some g in gs
	g.effect == "Allow"
	not g.not_action
	not g.not_resource
	not g.not_principal
]

# reach_text says in words what a set of extra requests reaches.
reach_text := {
	"admin": "admin-equivalent",
	"privilege_escalation": "privilege escalation",
	"secret_read": "reads secrets or decrypts",
	"data_access": "data access",
	"other": "other actions",
}

# empty is true for a missing, null, false, empty-string or empty value.
empty(x) if x == null

empty(x) if x == ""

empty(x) if x == false

empty(x) if count(x) == 0

present(x) if not empty(x)

# attr returns an attribute or null when it is missing. OPA hashes a
# function's arguments for its call cache, which converts the whole resource
# r: on rules that visit many resources, read object.get(r.attrs, name, null).
attr(r, name) := object.get(r.attrs, name, null)

# now_ns is input.now in nanoseconds, parsed once per evaluation.
now_ns := time.parse_rfc3339_ns(input.now)

# days_since returns whole days between the RFC 3339 time t and input.now.
# 86400000000000 is a day in nanoseconds, written out because OPA computes
# a product such as 24 * 60 * 60e9 on every call.
days_since(t) := floor((now_ns - time.parse_rfc3339_ns(t)) / 86400000000000)

# Test helpers: build an input document from resource lists the way the
# engine does, so rule tests write resources only.
res(kind, name, attrs) := res_info(kind, name, attrs, {})

res_info(kind, name, attrs, info) := {
	"key": sprintf("%s/global/%s", [kind, name]),
	"kind": kind, "area": "", "region": "global", "name": name,
	"attrs": attrs, "info": info,
}

env_of(name, account, rs) := {
	"name": name, "account_id": account,
	"resources": {r.key: r | some r in rs},
	"kinds": {k: sort([r.key | some r in rs; r.kind == k]) | some r0 in rs; k := r0.kind},
}

input_of(st, pr) := {
	"staging": env_of("staging", "111111111111", st),
	"production": env_of("production", "222222222222", pr),
	"changes": [],
	"drift": drift_of(st, pr),
	"verdicts": verdicts_of(st, pr),
	"now": "2026-11-23T00:00:00Z",
	"params": {"key_max_age_days": 90, "key_unused_days": 90},
}

# allow builds an unconditioned Allow grant, for tests.
allow(principal, action, resource) := {
	"effect": "Allow", "principal": principal, "not_principal": false,
	"action": action, "not_action": false,
	"resource": resource, "not_resource": false, "condition": {},
}

# identity_kinds are the kinds that hold permissions.
identity_kinds := ["iam_role", "iam_user", "iam_group", "iam_policy"]

# weaker_severity picks a finding's severity by the side that is weaker:
# a gap in production matters more than the same gap in staging.
weaker_severity(side, prod, stg) := {"production": prod, "staging": stg}[side]

# drift_of indexes by kind the keys present on one side only or whose attrs
# differ, as the engine's "drift" does.
drift_of(st, pr) := {kind: keys |
	some r0 in array.concat(st, pr)
	kind := r0.kind
	keys := sort({r.key |
		some r in array.concat(st, pr)
		r.kind == kind
		attrs_in(st, r.key) != attrs_in(pr, r.key)
	})
	count(keys) > 0
}

attrs_in(rs, key) := r.attrs if {
	some r in rs
	r.key == key
}

attrs_in(rs, key) := null if {
	every r in rs {
		r.key != key
	}
}

# semantic_attrs are, per kind, the attributes the differ judges by meaning.
semantic_attrs := {
	"iam_role": ["permissions", "trust"], "iam_user": ["permissions"],
	"iam_group": ["permissions"], "iam_policy": ["permissions"],
	"secret": ["resource_policy"], "kms_key": ["policy"],
	"security_group": ["ingress", "egress"], "network_acl": ["ingress", "egress"],
}

# verdicts_of computes input.verdicts for tests with the same Go functions
# the engine's differ uses (without permissions boundaries).
verdicts_of(st, pr) := {key: vs |
	some s in st
	some p in pr
	s.key == p.key
	key := s.key
	vs := {attr: v |
		some attr in object.get(semantic_attrs, s.kind, [])
		v := compare_attr(attr, object.get(s.attrs, attr, []), object.get(p.attrs, attr, []))
		v != null
	}
	count(vs) > 0
}

compare_attr("permissions", a, b) := parity.iam.compare(a, b)

compare_attr(attr, a, b) := parity.iam.compare_policies(a, b) if attr in {"trust", "resource_policy", "policy"}

compare_attr(attr, a, b) := parity.net.compare(a, b) if attr in {"ingress", "egress"}
