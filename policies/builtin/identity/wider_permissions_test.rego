package parity.rules.identity.wider_permissions_test

import data.parity.lib
import data.parity.rules.identity.wider_permissions

role(grants) := lib.res("iam_role", "app", {"permissions": grants})

deny(action, resource) := object.union(lib.allow("", action, resource), {"effect": "Deny"})

test_wildcard_wider_than_one_action if {
	inp := lib.input_of(
		[role([lib.allow("", "s3:getobject", "arn:aws:s3:::app-${env}/*")])],
		[role([lib.allow("", "s3:*", "arn:aws:s3:::app-${env}/*")])],
	)
	fs := wider_permissions.finding with input as inp
	count(fs) == 1
	some f in fs
	f.production.witness.resource != ""
	startswith(lower(f.production.witness.action), "s3:")
	f.staging == null
}

test_admin_is_critical if {
	inp := lib.input_of([role([lib.allow("", "*", "*")])], [role([])])
	fs := wider_permissions.finding with input as inp
	some f in fs
	f.severity == "critical"
	f.staging.reach == "admin"
}

test_both_directions_give_two_findings if {
	inp := lib.input_of(
		[role([lib.allow("", "s3:getobject", "*")])],
		[role([lib.allow("", "sqs:sendmessage", "*")])],
	)
	fs := wider_permissions.finding with input as inp
	count(fs) == 2
}

test_equal_sets if {
	g := [lib.allow("", "s3:getobject", "*")]
	inp := lib.input_of([role(g)], [role(g)])
	count(wider_permissions.finding) == 0 with input as inp
}

test_removed_deny_widens if {
	inp := lib.input_of(
		[role([lib.allow("", "s3:*", "*"), deny("s3:deletebucket", "*")])],
		[role([lib.allow("", "s3:*", "*")])],
	)
	fs := wider_permissions.finding with input as inp
	count(fs) == 1
	some f in fs
	lower(f.production.witness.action) == "s3:deletebucket"
}

test_passrole_is_privilege_escalation_high_in_production if {
	inp := lib.input_of([role([])], [role([lib.allow("", "iam:passrole", "*")])])
	some f in wider_permissions.finding with input as inp
	f.production.reach == "privilege_escalation"
	f.severity == "high"
}
