package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/parity-sec/parity/normalize/iamcatalog/internal/catalogfile"
)

// meta is what version.go records about the source.
type meta struct{ Package, Version, Date string }

// The package's files are only partly read: the catalog needs action names
// and the resource types they name, nothing else.
type packageJSON struct {
	Name      string `json:"name"`
	Version   string `json:"version"`
	UpdatedAt string `json:"updatedAt"`
}

type actionJSON struct {
	Name          string `json:"name"`
	ResourceTypes []struct {
		Name string `json:"name"`
	} `json:"resourceTypes"`
}

var (
	// A prefix becomes a file name, so it must not be able to name a path.
	prefixRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)
)

// readPackage reads an unpacked npm package directory laid out as
// package.json, data/services.json and data/actions/<prefix>.json.
func readPackage(dir string) (meta, []catalogfile.Service, error) {
	var p packageJSON
	if err := readJSON(filepath.Join(dir, "package.json"), &p); err != nil {
		return meta{}, nil, err
	}
	// The data's date comes from the package, never from the clock, so the
	// output depends on the input alone.
	t, err := time.Parse(time.RFC3339Nano, p.UpdatedAt)
	if err != nil {
		return meta{}, nil, fmt.Errorf("%s: updatedAt %q: want an RFC 3339 time", filepath.Join(dir, "package.json"), p.UpdatedAt)
	}
	m := meta{Package: p.Name, Version: p.Version, Date: t.UTC().Format(time.DateOnly)}

	var prefixes []string
	servicesFile := filepath.Join(dir, "data", "services.json")
	if err := readJSON(servicesFile, &prefixes); err != nil {
		return meta{}, nil, err
	}
	slices.Sort(prefixes)
	for i, prefix := range prefixes {
		if !prefixRE.MatchString(prefix) {
			return meta{}, nil, fmt.Errorf("%s: service prefix %q: want lower-case letters, digits, '-' or '_'", servicesFile, prefix)
		}
		if i > 0 && prefixes[i-1] == prefix {
			return meta{}, nil, fmt.Errorf("%s: service prefix %q listed twice", servicesFile, prefix)
		}
	}
	services := make([]catalogfile.Service, 0, len(prefixes))
	for _, prefix := range prefixes {
		s, err := readService(filepath.Join(dir, "data", "actions", prefix+".json"), prefix)
		if err != nil {
			return meta{}, nil, err
		}
		services = append(services, s)
	}
	return m, services, nil
}

// readService reads one service's actions, sorted by lower-case name, each
// with its resource types sorted and without the duplicates the reference
// sometimes lists.
func readService(file, prefix string) (catalogfile.Service, error) {
	var byKey map[string]actionJSON
	if err := readJSON(file, &byKey); err != nil {
		return catalogfile.Service{}, err
	}
	actions := make([]actionJSON, 0, len(byKey))
	for _, a := range byKey {
		actions = append(actions, a)
	}
	slices.SortFunc(actions, func(a, b actionJSON) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), cmp.Compare(a.Name, b.Name))
	})
	s := catalogfile.Service{Prefix: prefix}
	for i, a := range actions {
		if i > 0 && strings.EqualFold(actions[i-1].Name, a.Name) {
			return s, fmt.Errorf("%s: actions %q and %q differ only in case", file, actions[i-1].Name, a.Name)
		}
		// catalogfile.Encode checks the names' characters.
		var rts []string
		for _, rt := range a.ResourceTypes {
			rts = append(rts, rt.Name)
		}
		slices.Sort(rts)
		s.Actions = append(s.Actions, a.Name)
		s.ResourceTypes = append(s.ResourceTypes, slices.Compact(rts))
	}
	return s, nil
}

func readJSON(file string, v any) error {
	b, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("read: %w", err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	return nil
}
