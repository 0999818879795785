package parity.rules.secrets.readable_from_peer_test

import data.parity.lib
import data.parity.rules.secrets.readable_from_peer

reach(side, kind, access) := {
	"resource": sprintf("%s/us-east-1/db-${env}", [kind]), "kind": kind, "side": side,
	"owner": {"env": side, "account_id": "222222222222"}, "from": {"env": lib.other[side], "account_id": "111111111111"},
	"arn": "arn:aws:secretsmanager:us-east-1:222222222222:secret:db-production-AbCdEf", "access": access,
	"actions": ["secretsmanager:getsecretvalue"], "via": ["policy"],
	"witness": {"principal": "arn:aws:iam::111111111111:root", "action": "secretsmanager:getsecretvalue", "resource": "x",
		"context": {"aws:principalaccount": ["111111111111"]}},
}

with_paths(ps) := object.union(lib.input_of([], []), {"paths": {"reach": ps}})

test_production_secret_readable_from_staging_is_critical if {
	fs := readable_from_peer.finding with input as with_paths([reach("production", "secret", ["read"])])
	count(fs) == 1
	some f in fs
	f.severity == "critical"
	f.production.witness.context["aws:principalaccount"] == ["111111111111"]
	contains(f.message, "111111111111")
	contains(f.message, "222222222222")
}

test_staging_key_usable_from_production_is_medium if {
	fs := readable_from_peer.finding with input as with_paths([reach("staging", "kms_key", ["use"])])
	some f in fs
	f.severity == "medium"
}

test_roles_are_not_secrets if {
	count(readable_from_peer.finding) == 0 with input as with_paths([reach("production", "iam_role", ["assume"])])
}
