package parity.rules.identity.access_key_age_test

import data.parity.lib
import data.parity.rules.identity.access_key_age

user(created) := lib.res_info("iam_user", "ci", {}, {"access_keys": [{"id_suffix": "WXYZ", "status": "Active", "created_at": created}]})

test_old_key if {
	inp := lib.input_of([], [user("2026-01-01T00:00:00Z")])
	fs := access_key_age.finding with input as inp
	count(fs) == 1
	some f in fs
	f.production == {"id_suffix": "WXYZ", "created_at": "2026-01-01T00:00:00Z"}
}

test_key_within_limit if {
	# input_of sets now to 2026-11-23; 83 days earlier is inside 90.
	inp := lib.input_of([], [user("2026-09-01T00:00:00Z")])
	count(access_key_age.finding) == 0 with input as inp
}
