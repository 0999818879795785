package parity.rules.identity.permissions_boundary_test

import data.parity.lib
import data.parity.rules.identity.permissions_boundary

b := "arn:aws:iam::${self_account}:policy/boundary"

test_missing_in_production if {
	inp := lib.input_of(
		[lib.res("iam_role", "app", {"permissions_boundary": b})],
		[lib.res("iam_role", "app", {"permissions_boundary": ""})],
	)
	fs := permissions_boundary.finding with input as inp
	count(fs) == 1
	some f in fs
	f.severity == "medium"
	f.staging.permissions_boundary == b
}

test_both_have_one if {
	inp := lib.input_of(
		[lib.res("iam_role", "app", {"permissions_boundary": b})],
		[lib.res("iam_role", "app", {"permissions_boundary": b})],
	)
	count(permissions_boundary.finding) == 0 with input as inp
}
