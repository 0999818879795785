package parity.rules.secrets.parameter_plaintext_test

import data.parity.lib
import data.parity.rules.secrets.parameter_plaintext

p(t) := lib.res("ssm_parameter", "db-password", {"type": t})

test_plaintext_in_production if {
	inp := lib.input_of([p("SecureString")], [p("String")])
	fs := parameter_plaintext.finding with input as inp
	count(fs) == 1
	some f in fs
	f.severity == "high"
}

test_both_plain_is_parity if {
	inp := lib.input_of([p("String")], [p("String")])
	count(parameter_plaintext.finding) == 0 with input as inp
}
