package parity.rules.identity.long_sessions_test

import data.parity.lib
import data.parity.rules.identity.long_sessions

test_longer_in_production if {
	inp := lib.input_of(
		[lib.res("iam_role", "app", {"max_session_duration": 3600})],
		[lib.res("iam_role", "app", {"max_session_duration": 43200})],
	)
	count(long_sessions.finding) == 1 with input as inp
}

test_equal if {
	r := lib.res("iam_role", "app", {"max_session_duration": 43200})
	count(long_sessions.finding) == 0 with input as lib.input_of([r], [r])
}
