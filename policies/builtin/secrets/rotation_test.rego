package parity.rules.secrets.rotation_test

import data.parity.lib
import data.parity.rules.secrets.rotation

secret(on, days) := lib.res("secret", "db-${env}", {"rotation_enabled": on, "rotation_days": days})

test_rotation_off_in_production if {
	inp := lib.input_of([secret(true, 30)], [secret(false, 0)])
	fs := rotation.finding with input as inp
	count(fs) == 1
	some f in fs
	f.severity == "high"
	f.production == {"rotation_enabled": false}
}

test_longer_interval_in_staging if {
	inp := lib.input_of([secret(true, 90)], [secret(true, 30)])
	fs := rotation.finding with input as inp
	count(fs) == 1
	some f in fs
	f.severity == "low"
	f.staging == {"rotation_days": 90}
}

test_same_rotation if {
	inp := lib.input_of([secret(true, 30)], [secret(true, 30)])
	count(rotation.finding) == 0 with input as inp
}
