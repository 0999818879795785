package parity.rules.logging.sink_open_to_peer_test

import data.parity.lib
import data.parity.rules.logging.sink_open_to_peer

reach(side) := {
	"resource": "log_destination/us-east-1/siem-${env}", "kind": "log_destination", "side": side,
	"owner": {"env": side, "account_id": "222222222222"}, "from": {"env": lib.other[side], "account_id": "111111111111"},
	"arn": "arn:aws:logs:us-east-1:222222222222:destination:siem-production", "access": ["write"],
	"actions": ["logs:putsubscriptionfilter"], "via": ["policy"],
	"witness": {"principal": "arn:aws:iam::111111111111:root", "action": "logs:putsubscriptionfilter", "resource": "x"},
}

with_paths(ps) := object.union(lib.input_of([], []), {"paths": {"reach": ps}})

test_production_destination_open_to_staging_is_high if {
	fs := sink_open_to_peer.finding with input as with_paths([reach("production")])
	count(fs) == 1
	some f in fs
	f.severity == "high"
	contains(f.message, "arn:aws:logs:us-east-1:222222222222:destination:siem-production")
}

test_staging_destination_open_to_production_is_medium if {
	fs := sink_open_to_peer.finding with input as with_paths([reach("staging")])
	some f in fs
	f.severity == "medium"
}
