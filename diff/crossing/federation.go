package crossing

import (
	"encoding/json"
	"strings"

	"github.com/parity-sec/parity/normalize"
)

// Federation is a workload identity path: a role federated to an OIDC or
// SAML provider either without any subject condition ("open_subject": any
// workload the provider vouches for may assume it), or, in production,
// accepting subjects that a staging role of the same issuer accepts too
// ("shared_subject": a staging pipeline's token is accepted by production).
// Witness is a subject both conditions accept.
type Federation struct {
	Kind      string   `json:"kind"`
	Resource  string   `json:"resource"`
	Side      string   `json:"side"`
	Direction string   `json:"direction,omitempty"`
	ARN       string   `json:"arn"`
	Account   Account  `json:"account"`
	Issuer    string   `json:"issuer"`
	Provider  string   `json:"provider"`
	Subjects  any      `json:"subjects,omitempty"`
	Peer      *FedRole `json:"peer,omitempty"`
	Witness   string   `json:"witness_subject,omitempty"`
	Grade     string   `json:"grade"`
}

// FedRole is the other environment's role of a shared_subject path.
type FedRole struct {
	Resource string  `json:"resource"`
	ARN      string  `json:"arn"`
	Account  Account `json:"account"`
	Provider string  `json:"provider"`
	Subjects any     `json:"subjects"`
}

type fedEntry struct {
	side, key, arn   string
	res              *normalize.Resource
	provider, issuer string
	subjects         []any
	clauses          [][]glob // AND of ORs
}

// fedEntriesOf lists a role's federated trusts (scanSide gathers them
// per side in key order).
func fedEntriesOf(side, key string, r *normalize.Resource) []fedEntry {
	var out []fedEntry
	fs, _ := r.Info["federation"].([]any)
	for _, f := range fs {
		m, _ := f.(map[string]any)
		fe := fedEntry{side: side, key: key, arn: infoString(r, "arn"), res: r}
		fe.provider, _ = m["provider"].(string)
		fe.issuer, _ = m["issuer"].(string)
		fe.subjects, _ = m["subjects"].([]any)
		fe.clauses = clausesOf(fe.subjects)
		out = append(out, fe)
	}
	return out
}

// clausesOf compiles subject conditions: a clause per operator, true when
// the subject matches one of its values. Negated operators are left out,
// so the accepted set is over-approximated (README: Limitations).
func clausesOf(subjects []any) [][]glob {
	var out [][]glob
	for _, s := range subjects {
		m, _ := s.(map[string]any)
		op, _ := m["operator"].(string)
		op = strings.TrimSuffix(op, "ifexists")
		if i := strings.Index(op, ":"); i >= 0 {
			op = op[i+1:] // forallvalues:, foranyvalue:
		}
		var literal bool
		switch op {
		case "stringequals", "stringequalsignorecase":
			literal = true
		case "stringlike":
		default:
			continue
		}
		vals, _ := m["values"].([]any)
		var ors []glob
		for _, v := range vals {
			if s, ok := v.(string); ok {
				ors = append(ors, compileGlob(s, literal))
			}
		}
		out = append(out, ors)
	}
	return out
}

func (p *pair) federation() []Federation {
	var out []Federation
	entries := map[string][]fedEntry{Staging: p.scans[0].fed, Production: p.scans[1].fed}
	for _, side := range []string{Staging, Production} {
		for _, fe := range entries[side] {
			if len(fe.subjects) == 0 {
				out = append(out, Federation{Kind: "open_subject", Resource: fe.key, Side: side, ARN: fe.arn,
					Account: p.account(side), Issuer: fe.issuer, Provider: fe.provider, Grade: p.grade(fe.res)})
			}
		}
	}
	// Many roles repeat one subject condition: overlap is decided once per
	// pair of distinct conditions. Conditions are told apart by their JSON,
	// spelled once per role and numbered.
	ids := map[string]int{}
	subjectsID := func(subjects []any) int {
		b, _ := json.Marshal(subjects)
		id, ok := ids[string(b)]
		if !ok {
			id = len(ids)
			ids[string(b)] = id
		}
		return id
	}
	type stRole struct {
		fe fedEntry
		id int
	}
	byIssuer := map[string][]stRole{}
	for _, st := range entries[Staging] {
		if len(st.subjects) > 0 {
			byIssuer[st.issuer] = append(byIssuer[st.issuer], stRole{st, subjectsID(st.subjects)})
		}
	}
	type verdict struct {
		w  string
		ok bool
	}
	memo := map[[2]int]verdict{}
	for _, pr := range entries[Production] {
		if len(pr.subjects) == 0 {
			continue
		}
		pk := subjectsID(pr.subjects)
		for _, s := range byIssuer[pr.issuer] {
			st := s.fe
			k := [2]int{pk, s.id}
			v, seen := memo[k]
			if !seen {
				v.w, v.ok = overlap(append(append([][]glob(nil), pr.clauses...), st.clauses...))
				memo[k] = v
			}
			w, ok := v.w, v.ok
			if !ok {
				continue
			}
			out = append(out, Federation{Kind: "shared_subject", Resource: pr.key, Side: Production, Direction: StagingToProduction,
				ARN: pr.arn, Account: p.account(Production), Issuer: pr.issuer, Provider: pr.provider, Subjects: pr.subjects,
				Peer:    &FedRole{Resource: st.key, ARN: st.arn, Account: p.account(Staging), Provider: st.provider, Subjects: st.subjects},
				Witness: w, Grade: p.grade(pr.res)})
		}
	}
	return out
}

// overlap decides whether one subject satisfies every clause, trying each
// choice of one value per clause (bounded: conditions hold a few values).
func overlap(clauses [][]glob) (string, bool) {
	choice := make([]glob, len(clauses))
	var best string
	found := false
	budget := 10000
	var walk func(i int) bool
	walk = func(i int) bool {
		if budget--; budget < 0 {
			return true
		}
		if i == len(clauses) {
			if w, ok := intersect(choice); ok && (!found || w < best) {
				best, found = w, true
			}
			return false
		}
		for _, g := range clauses[i] {
			choice[i] = g
			if walk(i + 1) {
				return true
			}
		}
		return false
	}
	walk(0)
	return best, found
}
