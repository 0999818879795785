package parity.rules.secrets.foreign_key_test

import data.parity.lib
import data.parity.rules.secrets.foreign_key

egress(side) := {
	"resource": "secret/us-east-1/api-${env}", "kind": "secret", "side": side, "path": "encryption_key",
	"name": "api-production", "arn": "arn:aws:secretsmanager:us-east-1:222222222222:secret:api-production-AbCdEf",
	"sink": "arn:aws:kms:us-east-1:111111111111:key/1234",
	"owner": {"env": side, "account_id": "222222222222"}, "sink_owner": {"env": lib.other[side], "account_id": "111111111111"},
}

with_paths(es) := object.union(lib.input_of([], []), {"paths": {"egress": es}})

test_production_secret_under_staging_key_is_high if {
	fs := foreign_key.finding with input as with_paths([egress("production")])
	count(fs) == 1
	some f in fs
	f.severity == "high"
	f.staging.kms_key == "arn:aws:kms:us-east-1:111111111111:key/1234"
}

test_staging_secret_under_production_key_is_low if {
	fs := foreign_key.finding with input as with_paths([egress("staging")])
	some f in fs
	f.severity == "low"
}
