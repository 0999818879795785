package parity.rules.identity.only_in_one_env_test

import data.parity.lib
import data.parity.rules.identity.only_in_one_env

test_leftover_role_with_last_use if {
	inp := lib.input_of([lib.res_info("iam_role", "old-job", {"path": "/"}, {"last_used": "2025-01-02T00:00:00Z"})], [])
	fs := only_in_one_env.finding with input as inp
	count(fs) == 1
	some f in fs
	f.severity == "medium"
	f.message == "role old-job exists only in staging (last used 2025-01-02T00:00:00Z)"
}

test_user_never_used if {
	inp := lib.input_of([], [lib.res("iam_user", "ci", {})])
	fs := only_in_one_env.finding with input as inp
	some f in fs
	f.message == "user ci exists only in production (last used never)"
}

test_twins_are_fine if {
	inp := lib.input_of([lib.res("iam_role", "app", {})], [lib.res("iam_role", "app", {})])
	count(only_in_one_env.finding) == 0 with input as inp
}
