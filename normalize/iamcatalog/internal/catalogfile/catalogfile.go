// Package catalogfile reads and writes the IAM action catalog's embedded
// text format. The generator writes it and package iamcatalog reads it, so
// the two can never disagree about the format.
//
// It must never accept a file that breaks the invariants iamcatalog's lookups
// rely on (sorted, unique, ASCII): Decode checks them all and returns an
// error instead of trusting its input.
//
// # Format
//
// ASCII text, one record per line, every line ending in "\n":
//
//	iamcatalog 1
//	@<prefix>[\t<resource type>]...
//	<Action>[\t<index>]...
//
// A service line starts with "@" and lists the resource types its actions
// name, sorted and unique. The action lines after it belong to that service,
// sorted by their lower-case form and unique in it; each index points into
// the service's resource type list, ascending. Services are sorted by prefix.
// Listing each resource type name once per service keeps the file small.
package catalogfile

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Header is the first line of every catalog file; the number is the format
// version.
const Header = "iamcatalog 1"

// Service is one service's actions as parallel slices: index i of Actions,
// Lower and ResourceTypes describe the same action.
type Service struct {
	Prefix        string     // lower case, e.g. "s3"
	Actions       []string   // as AWS spells them, sorted by lower-case form
	Lower         []string   // lower-case forms of Actions; Encode ignores it
	ResourceTypes [][]string // sorted, unique; nil when the action names none
}

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

// Decode parses a catalog file. The returned strings share one copy of data
// (and one lower-case copy), so a decoded catalog costs little beyond its text.
func Decode(data []byte) ([]Service, error) {
	for i, c := range data {
		if (c < 0x20 || c > 0x7e) && c != '\t' && c != '\n' {
			return nil, fmt.Errorf("byte %d: not printable ASCII (%#x)", i, c)
		}
	}
	if len(data) == 0 || data[len(data)-1] != '\n' {
		return nil, errors.New("missing final newline")
	}
	text := string(data)
	// ASCII only, so lower-casing keeps every byte offset: the lower-case
	// name of an action is the same substring of lower.
	lower := strings.ToLower(text)
	d := decoder{text: text, lower: lower}
	return d.run()
}

type decoder struct {
	text, lower string
	line        int
	services    []Service
	table       []string // the current service's resource types
	// spans of each action's resource types in rts, resolved into slices
	// once rts stops growing.
	rts   []string
	spans [][2]int32
}

func (d *decoder) errorf(format string, args ...any) error {
	return fmt.Errorf("line %d: %s", d.line, fmt.Sprintf(format, args...))
}

func (d *decoder) run() ([]Service, error) {
	pos := 0
	for pos < len(d.text) {
		end := pos + strings.IndexByte(d.text[pos:], '\n')
		d.line++
		var err error
		switch {
		case d.line == 1:
			if d.text[pos:end] != Header {
				err = d.errorf("header %q, want %q", d.text[pos:end], Header)
			}
		case d.text[pos] == '@':
			err = d.service(pos+1, end)
		default:
			err = d.action(pos, end)
		}
		if err != nil {
			return nil, err
		}
		pos = end + 1
	}
	if d.line == 0 {
		return nil, errors.New("empty file")
	}
	d.resolve()
	return d.services, nil
}

// service starts a new service from the line text[start:end] after its "@".
func (d *decoder) service(start, end int) error {
	fields := strings.Split(d.text[start:end], "\t")
	prefix := fields[0]
	if !validName(prefix, false) {
		return d.errorf("service prefix %q: want lower-case letters, digits, '-' or '_'", prefix)
	}
	if n := len(d.services); n > 0 && d.services[n-1].Prefix >= prefix {
		return d.errorf("service %q after %q: not sorted or duplicate", prefix, d.services[n-1].Prefix)
	}
	table := fields[1:]
	for i, rt := range table {
		if rt == "" {
			return d.errorf("service %q: empty resource type name", prefix)
		}
		if i > 0 && table[i-1] >= rt {
			return d.errorf("service %q: resource type %q after %q: not sorted or duplicate", prefix, rt, table[i-1])
		}
	}
	d.table = table
	d.services = append(d.services, Service{Prefix: prefix})
	return nil
}

// action adds the action on the line text[start:end] to the current service.
func (d *decoder) action(start, end int) error {
	if len(d.services) == 0 {
		return d.errorf("action before the first service")
	}
	s := &d.services[len(d.services)-1]
	nameEnd := end
	if i := strings.IndexByte(d.text[start:end], '\t'); i >= 0 {
		nameEnd = start + i
	}
	name, low := d.text[start:nameEnd], d.lower[start:nameEnd]
	if !validName(name, true) {
		return d.errorf("action %q: want letters, digits, '-' or '_'", name)
	}
	if n := len(s.Lower); n > 0 && s.Lower[n-1] >= low {
		return d.errorf("action %s:%s after %s: not sorted by lower case or duplicate", s.Prefix, name, s.Actions[n-1])
	}
	first := len(d.rts)
	prev := -1
	if nameEnd < end {
		for _, f := range strings.Split(d.text[nameEnd+1:end], "\t") {
			j, err := strconv.Atoi(f)
			if err != nil || j < 0 || j >= len(d.table) || f != strconv.Itoa(j) {
				return d.errorf("action %s:%s: resource type index %q: want 0..%d", s.Prefix, name, f, len(d.table)-1)
			}
			if j <= prev {
				return d.errorf("action %s:%s: resource type indexes not ascending", s.Prefix, name)
			}
			prev = j
			d.rts = append(d.rts, d.table[j])
		}
	}
	s.Actions = append(s.Actions, name)
	s.Lower = append(s.Lower, low)
	d.spans = append(d.spans, [2]int32{int32(first), int32(len(d.rts))})
	return nil
}

// resolve turns the recorded spans into ResourceTypes slices. The slices are
// capped at their length so that an append by a caller cannot overwrite the
// next action's list.
func (d *decoder) resolve() {
	k := 0
	for i := range d.services {
		s := &d.services[i]
		s.ResourceTypes = make([][]string, len(s.Actions))
		for j := range s.Actions {
			sp := d.spans[k]
			k++
			if sp[0] < sp[1] {
				s.ResourceTypes[j] = d.rts[sp[0]:sp[1]:sp[1]]
			}
		}
	}
}

// validName reports whether s is a non-empty service prefix (lower case) or
// action name (any case) made of letters, digits, '-' and '_'.
func validName(s string, upperOK bool) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '-', c == '_':
		case upperOK && 'A' <= c && c <= 'Z':
		default:
			return false
		}
	}
	return true
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
