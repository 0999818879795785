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

test_env_name_uses_snapshot_names if {
	inp := {"staging": {"name": "stage"}, "production": {"name": "prd"}}
	lib.env_name.staging == "stage" with input as inp
	lib.env_name.production == "prd" with input as inp
}

test_env_name_falls_back_to_side if {
	lib.env_name.staging == "staging" with input as {"staging": {}, "production": {"name": ""}}
	lib.env_name.production == "production" with input as {"staging": {}, "production": {"name": ""}}
}
