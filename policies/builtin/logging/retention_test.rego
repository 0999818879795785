package parity.rules.logging.retention_test

import data.parity.lib
import data.parity.rules.logging.retention

lg(d) := lib.res("log_group", "/app/${env}", {"retention_days": d})

test_production_shorter if {
	inp := lib.input_of([lg(0)], [lg(365)])
	fs := retention.finding with input as inp
	count(fs) == 1
	some f in fs
	f.severity == "medium"
	f.message == "log group /app/${env} keeps events 365 days in production but forever in staging; the production side is weaker"
}

test_same_retention if {
	inp := lib.input_of([lg(30)], [lg(30)])
	count(retention.finding) == 0 with input as inp
}
