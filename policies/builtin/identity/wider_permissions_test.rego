package parity.rules.identity.wider_permissions_test

import data.parity.lib
import data.parity.rules.identity.wider_permissions

role(grants) := lib.res("iam_role", "app", {"permissions": grants})

test_wildcard_covers_narrow if {
	inp := lib.input_of(
		[role([lib.allow("", "s3:getobject", "arn:aws:s3:::app-${env}/*")])],
		[role([lib.allow("", "s3:*", "arn:aws:s3:::app-${env}/*")])],
	)
	fs := wider_permissions.finding with input as inp
	count(fs) == 1
	some f in fs
	f.severity == "high"
	f.production.extra_grants == [{"action": "s3:*", "resource": "arn:aws:s3:::app-${env}/*"}]
}

test_admin_is_critical if {
	inp := lib.input_of([role([lib.allow("", "*", "*")])], [role([])])
	fs := wider_permissions.finding with input as inp
	some f in fs
	f.severity == "critical"
	f.staging.extra_grants == [{"action": "*", "resource": "*"}]
}

test_different_not_wider if {
	inp := lib.input_of(
		[role([lib.allow("", "s3:getobject", "*")])],
		[role([lib.allow("", "sqs:sendmessage", "*")])],
	)
	count(wider_permissions.finding) == 0 with input as inp
}

test_equal_sets if {
	g := [lib.allow("", "s3:getobject", "*")]
	inp := lib.input_of([role(g)], [role(g)])
	count(wider_permissions.finding) == 0 with input as inp
}
