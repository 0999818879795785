package policies

import (
	"errors"
	"fmt"
	"net/netip"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/types"
	"github.com/parity-sec/parity/diff"
	"github.com/parity-sec/parity/normalize"
	"github.com/parity-sec/parity/normalize/iameval"
	"github.com/parity-sec/parity/normalize/netsem"
)

// The parity.* built-ins expose the one Go semantics of IAM and network
// rules to Rego, so built-in and user rules never re-derive containment.
// They are registered globally once, which puts them in the compiler's
// capabilities, in evaluation and in `parity policy test` alike.
//
//	parity.iam.allows(grants, action, resource)           -> bool
//	parity.iam.allows_request(grants, request)             -> bool  (request: {principal, action, resource, context})
//	parity.iam.compare(staging_grants, production_grants)  -> verdict or null when equal
//	parity.net.admits(tuples, protocol, port, address)     -> bool  (address: IP, CIDR (its first address), "sg:…" or "pl:…")
//	parity.iam.compare_policies(staging, production)       -> verdict of trust/resource policies, principals included
//	parity.net.compare(staging_tuples, production_tuples)  -> verdict or null when equal
//	parity.net.witness(a_tuples, b_tuples)                 -> a packet a admits and b does not, or null
//	parity.net.exposes(tuples, port)                       -> bool: tcp to port from some public address
func init() {
	anyArr := types.NewArray(nil, types.A)
	rego.RegisterBuiltin3(&rego.Function{
		Name:        "parity.iam.allows",
		Description: "Reports whether canonical IAM grants allow action on resource (no principal, no context).",
		Decl:        types.NewFunction(types.Args(anyArr, types.S, types.S), types.B),
	}, func(_ rego.BuiltinContext, g, a, r *ast.Term) (*ast.Term, error) {
		p, err := grantsPolicy(g)
		if err != nil {
			return nil, err
		}
		return ast.BooleanTerm(p.Decide(iameval.Request{Action: termString(a), Resource: termString(r)}) == iameval.Allow), nil
	})
	rego.RegisterBuiltin2(&rego.Function{
		Name:        "parity.iam.allows_request",
		Description: "Reports whether canonical IAM grants allow a request {principal, action, resource, context}.",
		Decl:        types.NewFunction(types.Args(anyArr, types.A), types.B),
	}, func(_ rego.BuiltinContext, g, req *ast.Term) (*ast.Term, error) {
		p, err := grantsPolicy(g)
		if err != nil {
			return nil, err
		}
		r, err := request(req)
		if err != nil {
			return nil, err
		}
		return ast.BooleanTerm(p.Decide(r) == iameval.Allow), nil
	})
	rego.RegisterBuiltin2(&rego.Function{
		Name:        "parity.iam.compare",
		Description: "Compares two identity permission sets by meaning; null when they allow the same requests.",
		Decl:        types.NewFunction(types.Args(anyArr, anyArr), types.A),
	}, func(_ rego.BuiltinContext, s, p *ast.Term) (*ast.Term, error) {
		sp, pp, err := grantsPolicies(s, p)
		if err != nil {
			return nil, err
		}
		return verdictTerm(diff.IdentityVerdict(iameval.Identity{Policies: sp}, iameval.Identity{Policies: pp}))
	})
	rego.RegisterBuiltin2(&rego.Function{
		Name:        "parity.iam.compare_policies",
		Description: "Compares two trust or resource policies by meaning, principals included; null when equal.",
		Decl:        types.NewFunction(types.Args(anyArr, anyArr), types.A),
	}, func(_ rego.BuiltinContext, s, p *ast.Term) (*ast.Term, error) {
		sp, pp, err := grantsPolicies(s, p)
		if err != nil {
			return nil, err
		}
		return verdictTerm(diff.PolicyVerdict(sp, pp))
	})
	rego.RegisterBuiltin2(&rego.Function{
		Name:        "parity.net.witness",
		Description: "Returns a packet the first tuples admit and the second do not, or null.",
		Decl:        types.NewFunction(types.Args(anyArr, anyArr), types.A),
	}, func(_ rego.BuiltinContext, a, b *ast.Term) (*ast.Term, error) {
		as, bs, err := tuplesSets(a, b)
		if err != nil {
			return nil, err
		}
		// Only the witness is asked for: no verdict, no rendered rows.
		w := as.Minus(bs).Witness()
		if w == nil {
			return ast.NullTerm(), nil
		}
		val, err := ast.InterfaceToValue(plainMap(diff.PacketValue(w)))
		if err != nil {
			return nil, err
		}
		return ast.NewTerm(val), nil
	})
	rego.RegisterBuiltin2(&rego.Function{
		Name:        "parity.net.exposes",
		Description: "Reports whether tuples admit tcp to port from some public address.",
		Decl:        types.NewFunction(types.Args(anyArr, types.N), types.B),
	}, func(_ rego.BuiltinContext, ts, port *ast.Term) (*ast.Term, error) {
		set, err := tuplesSet(ts)
		if err != nil {
			return nil, err
		}
		pn, err := intArg("port", port)
		if err != nil {
			return nil, err
		}
		return ast.BooleanTerm(set.Exposes(pn)), nil
	})
	rego.RegisterBuiltin4(&rego.Function{
		Name:        "parity.net.admits",
		Description: "Reports whether network tuples admit a packet: protocol, port (or ICMP type), address.",
		Decl:        types.NewFunction(types.Args(anyArr, types.S, types.N, types.S), types.B),
	}, func(_ rego.BuiltinContext, ts, proto, port, addr *ast.Term) (*ast.Term, error) {
		set, err := tuplesSet(ts)
		if err != nil {
			return nil, err
		}
		pk, err := packet(termString(proto), port, termString(addr))
		if err != nil {
			return nil, err
		}
		return ast.BooleanTerm(set.Admits(pk)), nil
	})
	rego.RegisterBuiltin2(&rego.Function{
		Name:        "parity.net.compare",
		Description: "Compares two packet sets given as network tuples; null when they admit the same packets.",
		Decl:        types.NewFunction(types.Args(anyArr, anyArr), types.A),
	}, func(_ rego.BuiltinContext, s, p *ast.Term) (*ast.Term, error) {
		ss, ps, err := tuplesSets(s, p)
		if err != nil {
			return nil, err
		}
		return verdictTerm(diff.PacketVerdict(ss, ps))
	})
}

func grantsPolicy(t *ast.Term) (*iameval.Policy, error) {
	v, err := ast.JSON(t.Value)
	if err != nil {
		return nil, err
	}
	stmts, err := normalize.StatementsFromGrants(v)
	if err != nil {
		return nil, err
	}
	return iameval.Compile(stmts), nil
}

// grantsPolicies and tuplesSets decode a built-in's two operands.
func grantsPolicies(a, b *ast.Term) (*iameval.Policy, *iameval.Policy, error) {
	pa, err := grantsPolicy(a)
	if err != nil {
		return nil, nil, err
	}
	pb, err := grantsPolicy(b)
	return pa, pb, err
}

func tuplesSets(a, b *ast.Term) (netsem.Set, netsem.Set, error) {
	sa, err := tuplesSet(a)
	if err != nil {
		return netsem.Set{}, netsem.Set{}, err
	}
	sb, err := tuplesSet(b)
	return sa, sb, err
}

// intArg reads an integer operand, naming it in the error.
func intArg(name string, t *ast.Term) (int, error) {
	n, ok := t.Value.(ast.Number)
	if !ok {
		return 0, fmt.Errorf("%s: want a number", name)
	}
	i, ok := n.Int()
	if !ok {
		return 0, fmt.Errorf("%s: want an integer", name)
	}
	return i, nil
}

func tuplesSet(t *ast.Term) (netsem.Set, error) {
	v, err := ast.JSON(t.Value)
	if err != nil {
		return netsem.Set{}, err
	}
	return normalize.SetFromTuples(v)
}

func termString(t *ast.Term) string {
	if s, ok := t.Value.(ast.String); ok {
		return string(s)
	}
	return ""
}

func request(t *ast.Term) (iameval.Request, error) {
	v, err := ast.JSON(t.Value)
	if err != nil {
		return iameval.Request{}, err
	}
	m, ok := v.(map[string]any)
	if !ok {
		return iameval.Request{}, errors.New("request: want an object")
	}
	r := iameval.Request{Principal: str(m["principal"]), Action: str(m["action"]), Resource: str(m["resource"])}
	if ctx, ok := m["context"].(map[string]any); ok {
		r.Context = map[string][]string{}
		for k, vs := range ctx {
			switch x := vs.(type) {
			case string:
				r.Context[strings.ToLower(k)] = []string{x}
			case []any:
				for _, e := range x {
					r.Context[strings.ToLower(k)] = append(r.Context[strings.ToLower(k)], fmt.Sprint(e))
				}
			default:
				r.Context[strings.ToLower(k)] = []string{fmt.Sprint(x)}
			}
		}
	}
	return r, nil
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// packet builds a packet from a protocol name or number, a port (the ICMP
// type for icmp/icmpv6, code 0) and an address, CIDR or symbolic peer.
func packet(proto string, port *ast.Term, addr string) (netsem.Packet, error) {
	pn, err := intArg("port", port)
	if err != nil {
		return netsem.Packet{}, err
	}
	pk := netsem.Packet{Port: -1, ICMPType: -1, ICMPCode: -1}
	switch strings.ToLower(proto) {
	case "tcp", "6":
		pk.Protocol, pk.Port = 6, pn
	case "udp", "17":
		pk.Protocol, pk.Port = 17, pn
	case "icmp", "1":
		pk.Protocol, pk.ICMPType, pk.ICMPCode = 1, pn, 0
	case "icmpv6", "58":
		pk.Protocol, pk.ICMPType, pk.ICMPCode = 58, pn, 0
	default:
		var p int
		if _, err := fmt.Sscanf(proto, "%d", &p); err != nil || p < 0 || p > 255 {
			return netsem.Packet{}, fmt.Errorf("protocol %q: want tcp, udp, icmp, icmpv6 or 0-255", proto)
		}
		pk.Protocol = p
	}
	switch {
	case strings.HasPrefix(addr, "sg:") || strings.HasPrefix(addr, "pl:"):
		pk.Peer = addr
	case strings.Contains(addr, "/"):
		pf, err := netip.ParsePrefix(addr)
		if err != nil {
			return netsem.Packet{}, fmt.Errorf("address %q: %w", addr, err)
		}
		pk.Addr = pf.Masked().Addr()
	default:
		a, err := netip.ParseAddr(addr)
		if err != nil {
			return netsem.Packet{}, fmt.Errorf("address %q: %w", addr, err)
		}
		pk.Addr = a
	}
	return pk, nil
}

func verdictTerm(v *diff.Verdict) (*ast.Term, error) {
	if v == nil {
		return ast.NullTerm(), nil
	}
	val, err := ast.InterfaceToValue(verdictValue(v))
	if err != nil {
		return nil, err
	}
	return ast.NewTerm(val), nil
}

// verdictValue is a verdict as rules see it, in input.verdicts and from
// the compare built-ins alike: {"relation", "staging_only",
// "production_only", "staging_reach", "production_reach", "staging_extra",
// "production_extra"}.
func verdictValue(v *diff.Verdict) map[string]any {
	m := map[string]any{"relation": v.Relation}
	if v.StagingOnly != nil {
		m["staging_only"] = plainMap(v.StagingOnly)
	}
	if v.ProductionOnly != nil {
		m["production_only"] = plainMap(v.ProductionOnly)
	}
	if v.StagingReach != "" {
		m["staging_reach"] = v.StagingReach
	}
	if v.ProductionReach != "" {
		m["production_reach"] = v.ProductionReach
	}
	m["staging_extra"] = plain(orEmptyList(v.StagingExtra))
	m["production_extra"] = plain(orEmptyList(v.ProductionExtra))
	return m
}

func orEmptyList(l []any) []any {
	if l == nil {
		return []any{}
	}
	return l
}
