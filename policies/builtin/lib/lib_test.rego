package parity.lib_test

import data.parity.lib

test_iam_builtins_match_wildcards if {
	parity.iam.allows([lib.allow("", "s3:*", "*")], "s3:GetObject", "arn:aws:s3:::x")
	parity.iam.allows([lib.allow("", "*", "*")], "iam:PassRole", "*")
	parity.iam.allows([lib.allow("", "s3:getobject", "arn:aws:s3:::app-${env}/*")], "s3:GetObject", "arn:aws:s3:::app-${env}/logs/a")
	not parity.iam.allows([lib.allow("", "s3:get*", "*")], "s3:PutObject", "*")
	not parity.iam.allows([lib.allow("", "s3:getobject", "arn:aws:s3:::app-${env}/*")], "s3:GetObject", "arn:aws:s3:::app-$env/a")
}

test_iam_compare_respects_condition if {
	wide := [lib.allow("", "s3:*", "*")]
	narrow := [object.union(lib.allow("", "s3:getobject", "*"), {"condition": {"bool": {"aws:securetransport": ["true"]}}})]
	v := parity.iam.compare(wide, narrow)
	v.relation == "staging_wider"
	parity.iam.compare(narrow, narrow) == null
}

test_iam_compare_wildcard_equals_expansion if {
	# s3:Get* and s3:get* are one pattern: actions are case-insensitive.
	parity.iam.compare([lib.allow("", "s3:Get*", "*")], [lib.allow("", "s3:get*", "*")]) == null
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
