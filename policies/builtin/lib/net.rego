package parity.lib

# Network tuples are {"protocol", "from_port", "to_port", "source"}; see
# normalize's package doc. These helpers answer "does this list of tuples
# admit everything that tuple admits?" without enumerating ports.

world_sources := {"0.0.0.0/0", "::/0"}

# admin_ports are administrative and data ports whose exposure to the
# internet is rated high.
admin_ports := [22, 3389, 3306, 5432, 6379, 9200, 27017]

# exposes_admin is true when tuples admit tcp to an administrative or data
# port from a public address, by the one network semantics in Go.
exposes_admin(ts) if {
	some p in admin_ports
	parity.net.exposes(ts, p)
}

# extra_witness is a packet that tuples r admit and the tuples ts do not,
# or undefined when ts admit all of r: a network finding is stated only
# when such a witness exists.
extra_witness(r, ts) := w if {
	w := parity.net.witness([r], ts)
	w != null
}

# ports_text renders a tuple's protocol and ports for messages.
ports_text(r) := "all traffic" if r.protocol == "all"

ports_text(r) := sprintf("%s %d", [r.protocol, r.from_port]) if {
	r.from_port >= 0
	r.from_port == r.to_port
}

ports_text(r) := sprintf("%s %d-%d", [r.protocol, r.from_port, r.to_port]) if {
	r.from_port >= 0
	r.from_port != r.to_port
}

ports_text(r) := sprintf("%s type %s", [r.protocol, span(r.icmp_type, r.icmp_type_to)]) if {
	r.from_port < 0
	r.icmp_type >= 0
	r.icmp_code < 0
}

ports_text(r) := sprintf("%s type %s code %s", [r.protocol, span(r.icmp_type, r.icmp_type_to), span(r.icmp_code, r.icmp_code_to)]) if {
	r.from_port < 0
	r.icmp_type >= 0
	r.icmp_code >= 0
}

ports_text(r) := sprintf("%s code %s", [r.protocol, span(r.icmp_code, r.icmp_code_to)]) if {
	r.from_port < 0
	r.icmp_type < 0
	r.icmp_code >= 0
}

span(a, b) := sprintf("%d", [a]) if a == b

span(a, b) := sprintf("%d-%d", [a, b]) if a != b

ports_text(r) := sprintf("protocol %s", [r.protocol]) if {
	r.protocol != "all"
	r.from_port < 0
	r.icmp_type < 0
	r.icmp_code < 0
}

# rule builds a network tuple, for tests.
rule(protocol, from, to, source) := {
	"protocol": protocol, "from_port": from, "to_port": to,
	"icmp_type": -1, "icmp_type_to": -1, "icmp_code": -1, "icmp_code_to": -1, "source": source,
}
