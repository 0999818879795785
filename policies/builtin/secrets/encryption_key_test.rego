package parity.rules.secrets.encryption_key_test

import data.parity.lib
import data.parity.rules.secrets.encryption_key

s(k) := lib.res("secret", "db", {"kms_key": k})

test_aws_managed_in_production if {
	inp := lib.input_of([s("alias/app-${env}")], [s("aws-managed")])
	fs := encryption_key.finding with input as inp
	count(fs) == 1
	some f in fs
	f.production == {"kms_key": "aws-managed"}
}

test_both_customer_keys if {
	inp := lib.input_of([s("alias/app-${env}")], [s("customer-managed")])
	count(encryption_key.finding) == 0 with input as inp
}
