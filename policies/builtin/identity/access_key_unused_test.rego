package parity.rules.identity.access_key_unused_test

import data.parity.lib
import data.parity.rules.identity.access_key_unused

user(k) := lib.res_info("iam_user", "ci", {}, {"access_keys": [k]})

test_never_used_old_key if {
	inp := lib.input_of([user({"id_suffix": "AAAA", "status": "Active", "created_at": "2026-01-01T00:00:00Z", "last_used": ""})], [])
	fs := access_key_unused.finding with input as inp
	count(fs) == 1
	some f in fs
	f.severity == "low"
	contains(f.message, "never used")
}

test_idle_key if {
	inp := lib.input_of([], [user({"id_suffix": "AAAA", "status": "Active", "created_at": "2025-01-01T00:00:00Z", "last_used": "2026-06-01T00:00:00Z"})])
	count(access_key_unused.finding) == 1 with input as inp
}

test_recently_used_key if {
	inp := lib.input_of([], [user({"id_suffix": "AAAA", "status": "Active", "created_at": "2025-01-01T00:00:00Z", "last_used": "2026-11-20T00:00:00Z"})])
	count(access_key_unused.finding) == 0 with input as inp
}
