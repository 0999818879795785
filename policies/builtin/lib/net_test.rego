package parity.lib.net_test

import data.parity.lib

test_split_ranges_leave_no_witness if {
	r := lib.rule("tcp", 0, 100, "10.1.0.0/16")
	not lib.extra_witness(r, [lib.rule("tcp", 0, 49, "10.0.0.0/8"), lib.rule("tcp", 50, 100, "10.1.0.0/16")])
}

test_gap_has_a_witness_in_the_gap if {
	r := lib.rule("tcp", 0, 100, "10.1.0.0/16")
	w := lib.extra_witness(r, [lib.rule("tcp", 0, 49, "10.0.0.0/8"), lib.rule("tcp", 51, 100, "10.1.0.0/16")])
	w.port == 50
}

test_all_covers_tcp_but_not_wider_source if {
	not lib.extra_witness(lib.rule("tcp", 22, 22, "10.0.0.0/8"), [lib.rule("all", -1, -1, "10.0.0.0/8")])
	lib.extra_witness(lib.rule("tcp", 22, 22, "0.0.0.0/0"), [lib.rule("all", -1, -1, "10.0.0.0/8")])
	lib.extra_witness(lib.rule("tcp", 22, 22, "::/0"), [lib.rule("tcp", 22, 22, "0.0.0.0/0")])
}

test_exposes_admin if {
	lib.exposes_admin([lib.rule("tcp", 20, 25, "0.0.0.0/0")])
	not lib.exposes_admin([lib.rule("tcp", 443, 443, "0.0.0.0/0")])
	not lib.exposes_admin([lib.rule("tcp", 22, 22, "10.0.0.0/8")])
}
