package parity.rules.identity.access_keys_one_side_test

import data.parity.lib
import data.parity.rules.identity.access_keys_one_side

user(keys) := lib.res_info("iam_user", "ci", {}, {"access_keys": keys})

k(status) := {"id_suffix": "ABCD", "status": status, "created_at": "2026-01-01T00:00:00Z"}

test_keys_in_production_only if {
	inp := lib.input_of([user([])], [user([k("Active")])])
	fs := access_keys_one_side.finding with input as inp
	count(fs) == 1
	some f in fs
	f.severity == "high"
	f.production.active_keys == ["ABCD"]
}

test_inactive_key_is_not_long_lived if {
	inp := lib.input_of([user([])], [user([k("Inactive")])])
	count(access_keys_one_side.finding) == 0 with input as inp
}
