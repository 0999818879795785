package parity.rules.logging.subscription_filter_test

import data.parity.lib
import data.parity.rules.logging.subscription_filter

lg(filters) := lib.res("log_group", "/app/${env}", {"subscription_filters": filters})

sub := {"destination": "arn:aws:logs:eu-west-1:${self_account}:destination:siem", "filter_pattern": ""}

test_missing_in_production if {
	inp := lib.input_of([lg([sub])], [lg([])])
	fs := subscription_filter.finding with input as inp
	count(fs) == 1
	some f in fs
	f.severity == "high"
}

test_both_forward if {
	other := {"destination": "arn:aws:lambda:eu-west-1:${self_account}:function:fwd", "filter_pattern": ""}
	inp := lib.input_of([lg([sub])], [lg([other])])
	count(subscription_filter.finding) == 0 with input as inp
}
