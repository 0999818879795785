package parity.rules.secrets.kms_rotation_test

import data.parity.lib
import data.parity.rules.secrets.kms_rotation

k(on) := lib.res("kms_key", "alias-app", {"rotation_enabled": on, "key_manager": "CUSTOMER"})

test_rotation_off_in_production if {
	inp := lib.input_of([k(true)], [k(false)])
	fs := kms_rotation.finding with input as inp
	count(fs) == 1
	some f in fs
	f.severity == "medium"
}

test_both_rotate if {
	inp := lib.input_of([k(true)], [k(true)])
	count(kms_rotation.finding) == 0 with input as inp
}
