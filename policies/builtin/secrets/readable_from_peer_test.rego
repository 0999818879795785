package parity.rules.secrets.readable_from_peer_test

import data.parity.lib
import data.parity.rules.secrets.readable_from_peer

secret(principal, action) := lib.res("secret", "api-key", {"resource_policy": [lib.allow(principal, action, "*")]})

test_production_secret_shared_with_staging if {
	inp := lib.input_of([], [secret("AWS:arn:aws:iam::${peer_account}:role/app", "secretsmanager:*")])
	fs := readable_from_peer.finding with input as inp
	count(fs) == 1
	some f in fs
	f.severity == "critical"
}

test_kms_key_open_to_all if {
	k := lib.res("kms_key", "alias-app", {"policy": [lib.allow("*", "kms:decrypt", "*")]})
	inp := lib.input_of([k], [])
	fs := readable_from_peer.finding with input as inp
	some f in fs
	f.severity == "critical"
}

test_own_account_and_conditioned_star if {
	star := object.union(lib.allow("*", "kms:decrypt", "*"), {"condition": {"stringequals": {"aws:principalaccount": ["${self_account}"]}}})
	k := lib.res("kms_key", "alias-app", {"policy": [lib.allow("AWS:arn:aws:iam::${self_account}:root", "kms:*", "*"), star]})
	inp := lib.input_of([k], [k])
	count(readable_from_peer.finding) == 0 with input as inp
}

test_peer_with_write_only_action if {
	inp := lib.input_of([], [secret("AWS:arn:aws:iam::${peer_account}:root", "secretsmanager:describesecret")])
	count(readable_from_peer.finding) == 0 with input as inp
}
