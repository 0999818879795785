package parity.lib_test

import data.parity.lib

test_iam_match_wildcards if {
	lib.iam_match("s3:*", "s3:getobject")
	lib.iam_match("*", "iam:passrole")
	lib.iam_match("arn:aws:s3:::app-${env}/*", "arn:aws:s3:::app-${env}/logs/a")
	not lib.iam_match("s3:get*", "s3:putobject")
	not lib.iam_match("arn:aws:s3:::app-${env}/*", "arn:aws:s3:::app-$env/a")
}

test_grant_covers_respects_condition if {
	wide := lib.allow("", "s3:*", "*")
	narrow := object.union(lib.allow("", "s3:getobject", "*"), {"condition": {"bool": {"aws:securetransport": ["true"]}}})
	lib.grant_covers(wide, narrow)
	not lib.grant_covers(narrow, wide)
}

test_days_since if {
	lib.days_since("2026-11-13T00:00:00Z") == 10 with input as {"now": "2026-11-23T12:00:00Z"}
}
