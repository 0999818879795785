package parity.rules.identity.ambiguous_twin_test

import data.parity.rules.identity.ambiguous_twin

test_contested_key_is_reported if {
	fs := ambiguous_twin.finding with input as {
		"staging": {"name": "staging", "resources": {}, "ambiguous": [{
			"key": "iam_role/global/payments-api-${env}", "kind": "iam_role",
			"candidates": [
				{"key": "iam_role/global/payments-api-${env}", "name": "payments-api-staging"},
				{"key": "iam_role/global/payments-api-${env}#payments-api-stage", "name": "payments-api-stage"},
			],
		}]},
		"production": {"name": "production", "resources": {"iam_role/global/payments-api-${env}": {}}},
	}
	count(fs) == 1
	some f in fs
	f.resource == "iam_role/global/payments-api-${env}"
	contains(f.message, "payments-api-staging, payments-api-stage")
	f.production.twin == true
}

test_no_ambiguity_no_finding if {
	fs := ambiguous_twin.finding with input as {
		"staging": {"name": "staging", "resources": {}},
		"production": {"name": "production", "resources": {}},
	}
	count(fs) == 0
}
