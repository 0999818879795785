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
	"errors"
	"fmt"
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

// Decode parses a catalog file. The returned strings share one copy of data
// (and one lower-case copy), and the slices share a few backing arrays sized
// by a first pass, so decoding makes few allocations.
func Decode(data []byte) ([]Service, error) {
	var lines, services, tabs int
	for i, c := range data {
		switch {
		case c == '\n':
			lines++
			if i+1 < len(data) && data[i+1] == '@' {
				services++
			}
		case c == '\t':
			tabs++
		case c < 0x20 || c > 0x7e:
			return nil, fmt.Errorf("byte %d: not printable ASCII (%#x)", i, c)
		}
	}
	if len(data) == 0 || data[len(data)-1] != '\n' {
		return nil, errors.New("missing final newline")
	}
	text := string(data)
	// ASCII only, so lower-casing keeps every byte offset: the lower-case
	// name of an action is the same substring of lower.
	d := decoder{
		text:     text,
		lower:    strings.ToLower(text),
		services: make([]Service, 0, services),
		// Upper bounds: appends below never reallocate, so slices taken
		// from these arrays stay valid.
		names:   make([]string, 0, lines),
		lows:    make([]string, 0, lines),
		rtLists: make([][]string, 0, lines),
		rts:     make([]string, 0, tabs),
	}
	return d.run()
}

type decoder struct {
	text, lower string
	line        int
	services    []Service
	table       []string // the current service's resource types
	first       int      // index in names of the current service's first action

	names, lows []string   // every action, in file order
	rtLists     [][]string // every action's resource types, in file order
	rts         []string   // backing array of rtLists
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
			d.finish()
			err = d.service(pos+1, end)
		default:
			err = d.action(pos, end)
		}
		if err != nil {
			return nil, err
		}
		pos = end + 1
	}
	d.finish()
	return d.services, nil
}

// finish gives the current service, if any, its actions: capped slices of
// the shared arrays, so that a caller's append cannot overwrite a neighbour.
func (d *decoder) finish() {
	if len(d.services) == 0 {
		return
	}
	s := &d.services[len(d.services)-1]
	n := len(d.names)
	if n == d.first {
		return
	}
	s.Actions = d.names[d.first:n:n]
	s.Lower = d.lows[d.first:n:n]
	s.ResourceTypes = d.rtLists[d.first:n:n]
	d.first = n
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
	prefix := d.services[len(d.services)-1].Prefix
	nameEnd := end
	if i := strings.IndexByte(d.text[start:end], '\t'); i >= 0 {
		nameEnd = start + i
	}
	name, low := d.text[start:nameEnd], d.lower[start:nameEnd]
	if !validName(name, true) {
		return d.errorf("action %q: want letters, digits, '-' or '_'", name)
	}
	if n := len(d.lows); n > d.first && d.lows[n-1] >= low {
		return d.errorf("action %s:%s after %s: not sorted by lower case or duplicate", prefix, name, d.names[n-1])
	}
	first := len(d.rts)
	prev := -1
	for rest := d.text[nameEnd:end]; rest != ""; {
		rest = rest[1:] // the tab
		f := rest
		if i := strings.IndexByte(rest, '\t'); i >= 0 {
			f, rest = rest[:i], rest[i:]
		} else {
			rest = ""
		}
		j, ok := parseIndex(f)
		if !ok || j >= len(d.table) {
			return d.errorf("action %s:%s: resource type index %q: want 0..%d", prefix, name, f, len(d.table)-1)
		}
		if j <= prev {
			return d.errorf("action %s:%s: resource type indexes not ascending", prefix, name)
		}
		prev = j
		d.rts = append(d.rts, d.table[j])
	}
	var rts []string
	if n := len(d.rts); n > first {
		rts = d.rts[first:n:n]
	}
	d.names = append(d.names, name)
	d.lows = append(d.lows, low)
	d.rtLists = append(d.rtLists, rts)
	return nil
}

// parseIndex parses a decimal index written without sign or leading zeros,
// so that each index has one spelling.
func parseIndex(f string) (int, bool) {
	if f == "" || len(f) > 6 || (f[0] == '0' && len(f) > 1) {
		return 0, false
	}
	n := 0
	for i := 0; i < len(f); i++ {
		if f[i] < '0' || f[i] > '9' {
			return 0, false
		}
		n = n*10 + int(f[i]-'0')
	}
	return n, true
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
