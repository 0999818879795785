package parity.rules.identity.trust_open_to_any_test

import data.parity.lib
import data.parity.rules.identity.trust_open_to_any

role(principal) := lib.res("iam_role", "app", {"trust": [lib.allow(principal, "sts:assumerole", "")]})

test_open_in_production_only if {
	inp := lib.input_of([role("AWS:arn:aws:iam::${self_account}:root")], [role("*")])
	fs := trust_open_to_any.finding with input as inp
	count(fs) == 1
	some f in fs
	f.severity == "critical"
	f.production.openness == "open"
}

# An unconditioned "*" next to a conditioned one is open: the condition on
# one statement does not protect the other.
test_unconditioned_star_beside_conditioned_one if {
	cond := {"stringequals": {"aws:principalorgid": ["o-123"]}}
	guarded := object.union(lib.allow("*", "sts:assumerole", ""), {"condition": cond})
	stg := lib.res("iam_role", "app", {"trust": [guarded]})
	prd := lib.res("iam_role", "app", {"trust": [guarded, lib.allow("*", "sts:assumerole", "")]})
	fs := trust_open_to_any.finding with input as lib.input_of([stg], [prd])
	count(fs) == 1
	some f in fs
	f.severity == "critical"
	f.staging.openness == "conditioned"
}

test_negated_condition_does_not_protect if {
	cond := {"stringnotequals": {"aws:principalorgid": ["o-123"]}}
	open := object.union(lib.allow("*", "sts:assumerole", ""), {"condition": cond})
	inp := lib.input_of([role("AWS:arn:aws:iam::${self_account}:root")], [lib.res("iam_role", "app", {"trust": [open]})])
	some f in trust_open_to_any.finding with input as inp
	f.severity == "critical"
}

test_open_in_both_is_parity if {
	inp := lib.input_of([role("*")], [role("*")])
	count(trust_open_to_any.finding) == 0 with input as inp
}
