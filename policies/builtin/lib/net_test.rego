package parity.lib.net_test

import data.parity.lib

test_split_ranges_cover if {
	r := lib.rule("tcp", 0, 100, "10.1.0.0/16")
	lib.tuple_covered(r, [lib.rule("tcp", 0, 49, "10.0.0.0/8"), lib.rule("tcp", 50, 100, "10.1.0.0/16")])
}

test_gap_is_not_covered if {
	r := lib.rule("tcp", 0, 100, "10.1.0.0/16")
	not lib.tuple_covered(r, [lib.rule("tcp", 0, 49, "10.0.0.0/8"), lib.rule("tcp", 51, 100, "10.1.0.0/16")])
}

test_all_covers_tcp_but_not_wider_source if {
	lib.tuple_covered(lib.rule("tcp", 22, 22, "10.0.0.0/8"), [lib.rule("all", 0, 65535, "10.0.0.0/8")])
	not lib.tuple_covered(lib.rule("tcp", 22, 22, "0.0.0.0/0"), [lib.rule("all", 0, 65535, "10.0.0.0/8")])
	not lib.tuple_covered(lib.rule("tcp", 22, 22, "::/0"), [lib.rule("tcp", 22, 22, "0.0.0.0/0")])
}

test_exposes_admin if {
	lib.exposes_admin(lib.rule("tcp", 20, 25, "0.0.0.0/0"))
	not lib.exposes_admin(lib.rule("tcp", 443, 443, "0.0.0.0/0"))
}
