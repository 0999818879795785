package iamcatalog

import (
	"bytes"
	"cmp"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/parity-sec/parity/normalize/iamcatalog/internal/catalogfile"
)

//go:embed catalog.txt.gz
var compressed []byte

// Source describes where the data came from, for `parity version`.
type Source struct {
	Package, Version, Date string
	Services, Actions      int
}

// Info reports the catalog's source. It does not decode the catalog, so
// `parity version` stays cheap; a test checks that the counts recorded by the
// generator match the decoded data.
func Info() Source {
	return Source{
		Package:  sourcePackage,
		Version:  sourceVersion,
		Date:     sourceDate,
		Services: sourceServices,
		Actions:  sourceActions,
	}
}

type catalog struct {
	prefixes []string
	services []catalogfile.Service
	index    map[string]int // prefix -> position in services
}

var (
	loadOnce sync.Once
	loaded   *catalog
)

// get decodes the embedded catalog on first use. The data is built into the
// binary and checked by the tests, so a decode failure is a broken build, not
// bad input, and panics.
func get() *catalog {
	loadOnce.Do(func() {
		c, err := decode(compressed)
		if err != nil {
			panic(fmt.Sprintf("iamcatalog: embedded catalog: %v", err))
		}
		loaded = c
	})
	return loaded
}

func decode(gz []byte) (*catalog, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("gunzip: %w", err)
	}
	// gzip's trailer records the uncompressed size; reading into a buffer of
	// that size avoids growing one by doubling.
	var text bytes.Buffer
	if n := len(gz); n >= 4 {
		text.Grow(int(binary.LittleEndian.Uint32(gz[n-4:])))
	}
	if _, err := io.Copy(&text, zr); err != nil {
		return nil, fmt.Errorf("gunzip: %w", err)
	}
	services, err := catalogfile.Decode(text.Bytes())
	if err != nil {
		return nil, fmt.Errorf("decode: %w", err)
	}
	c := &catalog{
		prefixes: make([]string, len(services)),
		services: services,
		index:    make(map[string]int, len(services)),
	}
	for i, s := range services {
		c.prefixes[i] = s.Prefix
		c.index[s.Prefix] = i
	}
	return c, nil
}

// service finds a service by prefix, ignoring ASCII case only: AWS names are
// ASCII, and Unicode folding would let a hostile "\u212Ams" (Kelvin sign)
// pass for "kms". It does not allocate.
func (c *catalog) service(prefix string) *catalogfile.Service {
	var buf [64]byte
	if len(prefix) > len(buf) {
		return nil
	}
	b := buf[:len(prefix)]
	for i := range len(prefix) {
		b[i] = lowerASCII(prefix[i])
	}
	i, ok := c.index[string(b)]
	if !ok {
		return nil
	}
	return &c.services[i]
}

// find returns the index of action in s, ignoring ASCII case.
func find(s *catalogfile.Service, action string) (int, bool) {
	return slices.BinarySearchFunc(s.Lower, action, compareFold)
}

// compareFold compares lower, already lower case, with s lower-cased in
// ASCII, without allocating.
func compareFold(lower, s string) int {
	for i := range min(len(lower), len(s)) {
		if c := cmp.Compare(lower[i], lowerASCII(s[i])); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(lower), len(s))
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// Services returns every service prefix, lower case, sorted. Callers must not
// modify the slice.
func Services() []string { return get().prefixes }

// Actions returns the service's action names as AWS spells them (e.g.
// "GetObject"), sorted by their lower-case form; nil when the prefix is
// unknown. Lookup is case-insensitive. Callers must not modify the slice.
func Actions(prefix string) []string {
	s := get().service(prefix)
	if s == nil {
		return nil
	}
	return s.Actions
}

// Lookup reports the index of action in Actions(prefix), case-insensitively
// ("s3:getobject" style split by caller).
func Lookup(prefix, action string) (int, bool) {
	s := get().service(prefix)
	if s == nil {
		return 0, false
	}
	i, ok := find(s, action)
	if !ok {
		return 0, false
	}
	return i, true
}

// ResourceTypes returns the resource types an action applies to (names as in
// the reference, e.g. "object"), sorted; nil when none/unknown. Callers must
// not modify the slice.
func ResourceTypes(prefix, action string) []string {
	s := get().service(prefix)
	if s == nil {
		return nil
	}
	i, ok := find(s, action)
	if !ok {
		return nil
	}
	return s.ResourceTypes[i]
}

// Split splits "s3:GetObject" into ("s3","GetObject"); ok=false when there is
// no ':'. It splits at the first ':' and keeps both parts as written; without
// a ':' both parts are empty, so a caller that ignores ok sees no service.
func Split(full string) (prefix, action string, ok bool) {
	prefix, action, ok = strings.Cut(full, ":")
	if !ok {
		return "", "", false
	}
	return prefix, action, true
}
