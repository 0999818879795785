# METADATA
# title: CloudTrail trail weaker in one environment
# description: |
#   A trail exists in one environment only, or its twin is weaker: not
#   multi-region, without log-file validation, not logging, or with fewer
#   event selectors. A trail that is not logging (or missing) is high when
#   production is the weaker side.
# custom:
#   category: logging
#   severity: high
#   remediation: Configure the trail like its twin (multi-region, log-file validation, logging on, the same event selectors).
#   references:
#     - CIS AWS Foundations 3.1
#     - CIS AWS Foundations 3.2
#     - NIST CSF DE.CM-1
package parity.rules.logging.trail

import data.parity.lib

# Boolean settings where true is stronger, with their wording.
checks := {
	"multi_region": "is multi-region",
	"log_file_validation": "validates log files",
	"is_logging": "is logging",
}

finding contains f if {
	some side in lib.sides
	some key in input.drift.trail
	mine := input[side].resources[key]
	theirs := lib.twin(side, key)
	some attr, wording in checks
	object.get(mine.attrs, attr, null) == true
	object.get(theirs.attrs, attr, null) != true
	weak := lib.other[side]
	f := lib.with_severity(
		lib.finding(key, side, {attr: true}, {attr: false}, sprintf(
			"trail %s %s in %s but not in %s; the %s side is weaker",
			[mine.name, wording, lib.env_name[side], lib.env_name[weak], lib.env_name[weak]],
		)),
		severity(attr, weak),
	)
}

finding contains f if {
	some side in lib.sides
	some key in input.drift.trail
	mine := input[side].resources[key]
	theirs := lib.twin(side, key)
	a := selectors(mine.attrs)
	b := selectors(theirs.attrs)
	a > b
	weak := lib.other[side]
	f := lib.with_severity(
		lib.finding(key, side, {"event_selectors": a}, {"event_selectors": b}, sprintf(
			"trail %s has %d event selector(s) in %s but %d in %s; the %s side records less",
			[mine.name, a, lib.env_name[side], b, lib.env_name[weak], lib.env_name[weak]],
		)),
		lib.weaker_severity(weak, "medium", "low"),
	)
}

finding contains f if {
	some side in lib.sides
	some key in input.drift.trail
	mine := input[side].resources[key]
	object.get(mine.attrs, "is_logging", null) == true
	not input[lib.other[side]].resources[key]
	weak := lib.other[side]
	f := lib.with_severity(
		lib.finding(key, side, {"exists": true}, {"exists": false}, sprintf(
			"trail %s exists only in %s; %s has no twin trail and is weaker",
			[mine.name, lib.env_name[side], lib.env_name[weak]],
		)),
		severity("is_logging", weak),
	)
}

severity("is_logging", weak) := lib.weaker_severity(weak, "high", "medium")

severity(attr, weak) := lib.weaker_severity(weak, "medium", "low") if attr != "is_logging"

# selectors takes a trail's attrs, not the trail (whose info would be
# converted too when OPA hashes the argument for its call cache).
selectors(attrs) := count(object.get(attrs, "event_selectors", [])) + count(object.get(attrs, "advanced_event_selectors", []))
