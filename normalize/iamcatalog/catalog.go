package iamcatalog

import (
	"bytes"
	"compress/gzip"
	_ "embed"
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
	text, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("gunzip: %w", err)
	}
	services, err := catalogfile.Decode(text)
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

func (c *catalog) service(prefix string) *catalogfile.Service {
	i, ok := c.index[strings.ToLower(prefix)]
	if !ok {
		return nil
	}
	return &c.services[i]
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
	i, ok := slices.BinarySearch(s.Lower, strings.ToLower(action))
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
	i, ok := slices.BinarySearch(s.Lower, strings.ToLower(action))
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
