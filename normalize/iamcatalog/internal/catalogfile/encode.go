package catalogfile

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
)

// Encode writes services in the catalog format. It returns an error, and
// writes nothing usable, when the result would not decode: services or
// actions out of order, duplicates, or names outside the allowed characters.
func Encode(services []Service) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(Header + "\n")
	for _, s := range services {
		if len(s.ResourceTypes) != 0 && len(s.ResourceTypes) != len(s.Actions) {
			return nil, fmt.Errorf("service %q: %d actions but %d resource type lists", s.Prefix, len(s.Actions), len(s.ResourceTypes))
		}
		// Names holding a separator would decode as something else, and
		// the decode check below could not tell, so check them first.
		if !validName(s.Prefix, false) {
			return nil, fmt.Errorf("service prefix %q: want lower-case letters, digits, '-' or '_'", s.Prefix)
		}
		for _, a := range s.Actions {
			if !validName(a, true) {
				return nil, fmt.Errorf("action %s:%s: want letters, digits, '-' or '_'", s.Prefix, a)
			}
		}
		var table []string
		for i, rts := range s.ResourceTypes {
			for _, rt := range rts {
				if !printable(rt) {
					return nil, fmt.Errorf("action %s:%s: resource type %q: want non-empty printable ASCII", s.Prefix, s.Actions[i], rt)
				}
			}
			table = append(table, rts...)
		}
		slices.Sort(table)
		table = slices.Compact(table)
		b.WriteString("@" + s.Prefix)
		for _, rt := range table {
			b.WriteString("\t" + rt)
		}
		b.WriteByte('\n')
		for i, a := range s.Actions {
			b.WriteString(a)
			if len(s.ResourceTypes) != 0 {
				for _, rt := range s.ResourceTypes[i] {
					j, _ := slices.BinarySearch(table, rt)
					b.WriteString("\t" + strconv.Itoa(j))
				}
			}
			b.WriteByte('\n')
		}
	}
	// Decoding our own output is the cheapest complete check of the
	// invariants, and guarantees that what we write is what we can read.
	if _, err := Decode(b.Bytes()); err != nil {
		return nil, fmt.Errorf("encode: %w", err)
	}
	return b.Bytes(), nil
}

// printable reports whether s is non-empty printable ASCII without tabs.
func printable(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}
