package parity.rules.logging.data_leaves_env_test

import data.parity.lib
import data.parity.rules.logging.data_leaves_env

egress(side, path) := {
	"resource": "log_group/us-east-1/app-${env}", "kind": "log_group", "side": side, "path": path,
	"name": "app-production", "arn": "arn:aws:logs:us-east-1:222222222222:log-group:app-production",
	"sink": "arn:aws:logs:us-east-1:111111111111:destination:siem-staging",
	"owner": {"env": side, "account_id": "222222222222"}, "sink_owner": {"env": lib.other[side], "account_id": "111111111111"},
}

with_paths(es) := object.union(lib.input_of([], []), {"paths": {"egress": es}})

test_production_logs_to_staging_are_high if {
	fs := data_leaves_env.finding with input as with_paths([egress("production", "subscription_filter")])
	count(fs) == 1
	some f in fs
	f.severity == "high"
	f.staging.account_id == "111111111111"
	contains(f.message, "destination:siem-staging")
}

test_staging_logs_to_production_are_low if {
	fs := data_leaves_env.finding with input as with_paths([egress("staging", "trail_bucket")])
	some f in fs
	f.severity == "low"
}

test_foreign_keys_are_not_log_delivery if {
	count(data_leaves_env.finding) == 0 with input as with_paths([egress("production", "encryption_key")])
}

test_flow_log_without_arn_names_its_id if {
	e := object.remove(object.union(egress("production", "flow_log_destination"), {"name": "fl-0abc"}), ["arn"])
	fs := data_leaves_env.finding with input as with_paths([e])
	some f in fs
	contains(f.message, "fl-0abc")
}
