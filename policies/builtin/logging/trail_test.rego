package parity.rules.logging.trail_test

import data.parity.lib
import data.parity.rules.logging.trail

t(attrs) := lib.res("trail", "org-trail", object.union(
	{"multi_region": true, "log_file_validation": true, "is_logging": true, "event_selectors": [{"read_write_type": "all"}]},
	attrs,
))

test_not_logging_in_production if {
	inp := lib.input_of([t({})], [t({"is_logging": false})])
	fs := trail.finding with input as inp
	count(fs) == 1
	some f in fs
	f.severity == "high"
	f.production == {"is_logging": false}
}

test_single_region_and_fewer_selectors_in_staging if {
	inp := lib.input_of([t({"multi_region": false, "event_selectors": []})], [t({})])
	fs := trail.finding with input as inp
	count(fs) == 2
	every f in fs {
		f.severity == "low"
	}
}

test_trail_missing_in_production if {
	inp := lib.input_of([t({})], [])
	fs := trail.finding with input as inp
	some f in fs
	f.severity == "high"
}

test_equal_trails if {
	inp := lib.input_of([t({})], [t({})])
	count(trail.finding) == 0 with input as inp
}
