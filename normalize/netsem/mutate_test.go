package netsem

import "slices"

// Meaning-preserving rewrites and small real changes for the generator.
// Each returns the new rules and the name of what it did, which the
// differential test prints on failure.

func (g gen) rewriteSG(in []SGRule) ([]SGRule, string) {
	rs := slices.Clone(in)
	i := g.r.IntN(len(rs))
	r := rs[i]
	n, all := oracleProtocol(r.Protocol)
	switch g.r.IntN(8) {
	case 0:
		g.r.Shuffle(len(rs), func(a, b int) { rs[a], rs[b] = rs[b], rs[a] })
		return rs, "reorder"
	case 1:
		return append(rs, r), "duplicate"
	case 2:
		if lo, hi, ok := splitCIDR(r.CIDR); ok {
			a, b := r, r
			a.CIDR, b.CIDR = lo, hi
			return append(slices.Delete(rs, i, i+1), a, b), "split cidr"
		}
	case 3:
		if !all && (n == 6 || n == 17) {
			if c, ok := g.splitPorts(r.FromPort, r.ToPort); ok {
				a, b := r, r
				if a.FromPort == -1 {
					a.FromPort, b.ToPort = 0, 65535
				}
				a.ToPort, b.FromPort = c-1, c
				return append(slices.Delete(rs, i, i+1), a, b), "split ports"
			}
		}
	case 4:
		if all {
			rs = slices.Delete(rs, i, i+1)
			for _, p := range everyProtocol() {
				rs = append(rs, SGRule{Protocol: p, FromPort: -1, ToPort: -1, CIDR: r.CIDR, Peer: r.Peer})
			}
			return rs, "all protocols to explicit"
		}
	case 5:
		rs[i].Protocol = spell(r.Protocol)
		return rs, "spelling"
	case 6:
		// A narrower rule from the same peer adds nothing.
		s := r
		switch {
		case all:
			s.Protocol, s.FromPort, s.ToPort = "tcp", 22, 22
		case n == 6 || n == 17:
			if c, ok := g.splitPorts(r.FromPort, r.ToPort); ok {
				s.FromPort, s.ToPort = c, c
			}
		case (n == 1 || n == 58) && r.FromPort == -1:
			s.FromPort, s.ToPort = 8, 0
		}
		if lo, _, ok := splitCIDR(r.CIDR); ok && g.r.IntN(2) == 0 {
			s.CIDR = lo
		}
		return append(rs, s), "add subsumed rule"
	}
	g.r.Shuffle(len(rs), func(a, b int) { rs[a], rs[b] = rs[b], rs[a] })
	return rs, "reorder"
}

func (g gen) changeSG(in []SGRule) ([]SGRule, string) {
	rs := slices.Clone(in)
	i := g.r.IntN(len(rs))
	r := &rs[i]
	n, all := oracleProtocol(r.Protocol)
	switch g.r.IntN(6) {
	case 0:
		if !all && (n == 6 || n == 17) {
			r.FromPort, r.ToPort = g.portRange()
			return rs, "one port range"
		}
	case 1:
		if r.CIDR != "" {
			r.CIDR = g.oneBit(r.CIDR)
			return rs, "one cidr bit"
		}
	case 2:
		if !all && (n == 1 || n == 58) {
			r.FromPort, r.ToPort = g.typeCode()
			return rs, "icmp type"
		}
	case 3:
		r.Protocol, r.FromPort, r.ToPort = g.fields()
		return rs, "protocol"
	case 4:
		if len(rs) > 1 {
			return slices.Delete(rs, i, i+1), "remove rule"
		}
	}
	return append(rs, g.sgRule()), "add rule"
}

// ACL rewrites work on entries in evaluation order; the caller numbers
// them afterwards.
func (g gen) rewriteACL(in []ACLEntry) ([]ACLEntry, string) {
	es := slices.Clone(in)
	i := g.r.IntN(len(es))
	e := es[i]
	n, all := oracleProtocol(e.Protocol)
	switch g.r.IntN(7) {
	case 0:
		return es, "renumber"
	case 1:
		// Any entry after one that covers it decides nothing.
		s := e
		s.Allow = g.r.IntN(2) == 0
		switch {
		case all:
			s.Protocol, s.FromPort, s.ToPort = pick(g, protoPool), -1, -1
			if m, _ := oracleProtocol(s.Protocol); m == 1 || m == 58 {
				s.ICMPType, s.ICMPCode = g.typeCode()
			}
		case n == 6 || n == 17:
			if c, ok := g.splitPorts(e.FromPort, e.ToPort); ok {
				s.FromPort, s.ToPort = c, c
			}
		case (n == 1 || n == 58) && e.ICMPType == -1:
			s.ICMPType, s.ICMPCode = 8, 0
		}
		if lo, _, ok := splitCIDR(e.CIDR); ok && g.r.IntN(2) == 0 {
			s.CIDR = lo
		}
		return slices.Insert(es, i+1, s), "add shadowed entry"
	case 2:
		if lo, hi, ok := splitCIDR(e.CIDR); ok {
			a, b := e, e
			a.CIDR, b.CIDR = lo, hi
			return slices.Replace(es, i, i+1, a, b), "split cidr"
		}
	case 3:
		if !all && (n == 6 || n == 17) {
			if c, ok := g.splitPorts(e.FromPort, e.ToPort); ok {
				a, b := e, e
				if a.FromPort == -1 {
					a.FromPort, b.ToPort = 0, 65535
				}
				a.ToPort, b.FromPort = c-1, c
				return slices.Replace(es, i, i+1, a, b), "split ports"
			}
		}
	case 4:
		if all {
			var xs []ACLEntry
			for _, p := range everyProtocol() {
				x := e
				x.Protocol = p
				xs = append(xs, x)
			}
			return slices.Replace(es, i, i+1, xs...), "all protocols to explicit"
		}
	case 5:
		// Neighbours with the same action decide the same either way.
		if i+1 < len(es) && es[i+1].Allow == e.Allow {
			es[i], es[i+1] = es[i+1], es[i]
			return es, "swap same-action neighbours"
		}
	case 6:
		es[i].Protocol = spell(e.Protocol)
		return es, "spelling"
	}
	return es, "renumber"
}

func (g gen) changeACL(in []ACLEntry) ([]ACLEntry, string) {
	es := slices.Clone(in)
	i := g.r.IntN(len(es))
	e := &es[i]
	n, all := oracleProtocol(e.Protocol)
	switch g.r.IntN(7) {
	case 0:
		if !all && (n == 6 || n == 17) {
			e.FromPort, e.ToPort = g.portRange()
			return es, "one port range"
		}
	case 1:
		e.CIDR = g.oneBit(e.CIDR)
		return es, "one cidr bit"
	case 2:
		if !all && (n == 1 || n == 58) {
			e.ICMPType, e.ICMPCode = g.typeCode()
			return es, "icmp type"
		}
	case 3:
		e.Allow = !e.Allow
		return es, "flip action"
	case 4:
		// A deny for one protocol in front of the first allow-all.
		j := slices.IndexFunc(es, func(x ACLEntry) bool { _, a := oracleProtocol(x.Protocol); return a && x.Allow })
		if j < 0 {
			j = 0
		}
		d := g.aclEntry()
		d.Allow = false
		d.CIDR = pick(g, []string{"0.0.0.0/0", "::/0", d.CIDR})
		return slices.Insert(es, j, d), "deny in front of allow-all"
	case 5:
		if len(es) > 1 {
			return slices.Delete(es, i, i+1), "remove entry"
		}
	}
	return slices.Insert(es, g.r.IntN(len(es)+1), g.aclEntry()), "insert entry"
}
