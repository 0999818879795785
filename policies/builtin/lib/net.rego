package parity.lib

# Network tuples are {"protocol", "from_port", "to_port", "source"}; see
# normalize's package doc. These helpers answer "does this list of tuples
# admit everything that tuple admits?" without enumerating ports.

world_sources := {"0.0.0.0/0", "::/0"}

# admin_ports are administrative and data ports whose exposure to the
# internet is rated high.
admin_ports := [22, 3389, 3306, 5432, 6379, 9200, 27017]

# source_contains is true when source a admits every address source b does.
source_contains(a, b) if a == b

source_contains(a, b) if {
	a != b
	is_cidr(a)
	is_cidr(b)
	contains(a, ":") == contains(b, ":")
	net.cidr_contains(a, b)
}

is_cidr(s) if {
	not startswith(s, "sg:")
	not startswith(s, "pl:")
	contains(s, "/")
}

proto_covers(a, b) if a == b

proto_covers("all", b) if b != "all"

# tuple_covered is true when the tuples ts together admit everything r
# admits: the candidates are tuples of a covering protocol and containing
# source that overlap r's ports, and their port ranges must leave no gap.
# The gap test avoids enumerating ports: r is covered when its first port is
# covered and, for every candidate ending inside r, the port after its end
# is covered too.
tuple_covered(r, ts) if {
	cs := [t |
		some t in ts
		proto_covers(t.protocol, r.protocol)
		source_contains(t.source, r.source)
		t.from_port <= r.to_port
		t.to_port >= r.from_port
	]
	port_in(r.from_port, cs)
	every t in cs {
		end_ok(t, r, cs)
	}
}

port_in(p, cs) if {
	some t in cs
	t.from_port <= p
	p <= t.to_port
}

end_ok(t, r, _) if t.to_port >= r.to_port

end_ok(t, r, cs) if {
	t.to_port < r.to_port
	port_in(t.to_port + 1, cs)
}

# exposes_admin is true when r admits every protocol or a listed tcp port.
# A network ACL's "other" (every protocol its entries do not name) is read
# as exposing too: it includes tcp unless tcp is named, which a single tuple
# cannot tell, and overrating beats missing an open SSH port.
exposes_admin(r) if r.protocol in {"all", "other"}

exposes_admin(r) if {
	r.protocol == "tcp"
	some p in admin_ports
	r.from_port <= p
	p <= r.to_port
}

# ports_text renders a tuple's protocol and ports for messages.
ports_text(r) := "all traffic" if r.protocol == "all"

ports_text(r) := "all other protocols" if r.protocol == "other"

ports_text(r) := sprintf("%s %d", [r.protocol, r.from_port]) if {
	not r.protocol in {"all", "other"}
	r.from_port == r.to_port
}

ports_text(r) := sprintf("%s %d-%d", [r.protocol, r.from_port, r.to_port]) if {
	not r.protocol in {"all", "other"}
	r.from_port != r.to_port
}

# rule builds a network tuple, for tests.
rule(protocol, from, to, source) := {"protocol": protocol, "from_port": from, "to_port": to, "source": source}
