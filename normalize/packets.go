package normalize

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/parity-sec/parity/collectors/snapshot"
	"github.com/parity-sec/parity/normalize/netsem"
)

// sgSet is what one direction of a security group admits, exactly. Group
// references are symbolic peers named by the referenced group's canonical
// name (or ${peer_account}/id across accounts), prefix lists by id.
func (b *builder) sgSet(rules []snapshot.SGRule, groupNames map[string]string) (netsem.Set, error) {
	return netsem.FromSG(netsem.SGRulesFromSnapshot(rules, func(g snapshot.GroupRef) string {
		return strings.TrimPrefix(b.groupSource(g, groupNames), "sg:")
	}))
}

// aclSet is what one direction of a network ACL admits under first-match
// evaluation by rule number, exactly.
func aclSet(entries []snapshot.ACLEntry, egress bool) (netsem.Set, error) {
	es, err := netsem.ACLEntriesFromSnapshot(entries, egress)
	if err != nil {
		return netsem.Set{}, err
	}
	return netsem.FromACL(es)
}

// TuplesValue renders a packet set as the network tuples Attrs hold.
func TuplesValue(s netsem.Set) []any {
	ts := s.Tuples()
	out := make([]any, len(ts))
	for i, t := range ts {
		out[i] = TupleValue(t)
	}
	return out
}

// tuplesValue is TuplesValue with one value per distinct tuple of the
// run: most groups and ACLs admit the same few tuples, and a map per tuple
// per resource was a tenth of normalizing's allocations. The values are
// shared by every resource that holds the tuple, so nothing may modify
// them (as with grants); TupleValue still gives callers a map of their own.
//
// It also returns a digest of the tuples. Tuples admit exactly the set
// and are computed from its canonical form, so equal digests mean equal
// sets, and the differ skips comparing them (Semantics.Prints).
func (b *builder) tuplesValue(s netsem.Set) ([]any, string) {
	ts := s.Tuples()
	out := make([]any, len(ts))
	h := sha256.New()
	var buf []byte
	for i, t := range ts {
		v, ok := b.tuples[t]
		if !ok {
			v = TupleValue(t)
			b.tuples[t] = v
		}
		out[i] = v
		// Strings are length-prefixed: a source name is hostile text.
		buf = buf[:0]
		buf = binary.BigEndian.AppendUint64(buf, uint64(len(t.Protocol)))
		buf = append(buf, t.Protocol...)
		for _, n := range [...]int{t.FromPort, t.ToPort, t.ICMPType, t.ICMPTypeTo, t.ICMPCode, t.ICMPCodeTo} {
			buf = binary.BigEndian.AppendUint64(buf, uint64(int64(n)))
		}
		buf = binary.BigEndian.AppendUint64(buf, uint64(len(t.Source)))
		buf = append(buf, t.Source...)
		h.Write(buf)
	}
	return out, hex.EncodeToString(h.Sum(nil))
}

// TupleValue is one tuple as data: {"protocol", "from_port", "to_port",
// "icmp_type", "icmp_type_to", "icmp_code", "icmp_code_to", "source"};
// -1 means "not applicable" or "any".
func TupleValue(t netsem.Tuple) map[string]any {
	return map[string]any{
		"protocol": t.Protocol, "from_port": t.FromPort, "to_port": t.ToPort,
		"icmp_type": t.ICMPType, "icmp_type_to": t.ICMPTypeTo,
		"icmp_code": t.ICMPCode, "icmp_code_to": t.ICMPCodeTo, "source": t.Source,
	}
}

// SetFromTuples rebuilds a packet set from tuples as TupleValue writes
// them, for the parity.net built-ins. Missing numeric fields mean -1.
func SetFromTuples(v any) (netsem.Set, error) {
	list, ok := v.([]any)
	if !ok {
		return netsem.Set{}, fmt.Errorf("tuples: want a list of network tuples, got %s", jsonKind(v))
	}
	ts := make([]netsem.Tuple, 0, len(list))
	for i, e := range list {
		m, ok := e.(map[string]any)
		if !ok {
			return netsem.Set{}, fmt.Errorf("tuple %d: want an object", i)
		}
		ts = append(ts, netsem.Tuple{
			Protocol: str(m["protocol"]), FromPort: num(m["from_port"]), ToPort: num(m["to_port"]),
			ICMPType: num(m["icmp_type"]), ICMPTypeTo: num(m["icmp_type_to"]),
			ICMPCode: num(m["icmp_code"]), ICMPCodeTo: num(m["icmp_code_to"]),
			Source: str(m["source"]),
		})
	}
	return netsem.FromTuples(ts)
}

func num(v any) int {
	switch t := v.(type) {
	case int:
		return t
	case int64:
		return int(t)
	case float64:
		return int(t)
	case json.Number:
		if n, err := t.Int64(); err == nil {
			return int(n)
		}
	}
	return -1
}
