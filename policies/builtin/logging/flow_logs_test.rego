package parity.rules.logging.flow_logs_test

import data.parity.lib
import data.parity.rules.logging.flow_logs

fl(status) := lib.res("flow_log", "vpc-main", {"status": status, "traffic_type": "ALL"})

test_missing_in_production if {
	inp := lib.input_of([fl("ACTIVE")], [])
	fs := flow_logs.finding with input as inp
	count(fs) == 1
	some f in fs
	f.severity == "medium"
}

test_active_in_both if {
	inp := lib.input_of([fl("ACTIVE")], [fl("ACTIVE")])
	count(flow_logs.finding) == 0 with input as inp
}
