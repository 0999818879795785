package collectors

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"sync"
	"time"

	"github.com/parity-sec/parity/collectors/snapshot"
)

// FromDir builds a snapshot from AWS CLI exports in dir (layout in README):
// one file per operation, named "<service>-<operation>.json" and holding
// exactly what `aws <service> <operation> --output json` prints; IAM and STS
// at the top, regional services under dir/<region>/. Operations called once
// per item (a key's policy, a trail's status) are one file holding a JSON
// object that maps the item's id to the CLI's output for that item.
//
// A missing file leaves a "missing" coverage gap for its service and region;
// a file that is not valid JSON of the expected shape is an error naming it.
func FromDir(dir, env string) (*snapshot.Snapshot, error) {
	if env == "" {
		return nil, errors.New("environment name is empty: set --env")
	}
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, unwrapPath(err))
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%s: not a directory", dir)
	}
	regions, err := exportRegions(dir)
	if err != nil {
		return nil, err
	}
	src := &dirSource{dir: dir}
	var ident struct{ Account string }
	if _, err := src.read(globalExportDir, fileCallerIdentity, &ident); err != nil {
		return nil, err
	}
	if ident.Account != "" && !regexp.MustCompile(`^[0-9]{12}$`).MatchString(ident.Account) {
		return nil, fmt.Errorf("%s: Account %q is not a 12-digit AWS account id", filepath.Join(dir, fileCallerIdentity), ident.Account)
	}
	// Files are small and local: reading them one at a time keeps errors in
	// a fixed order, so the same broken directory gives the same message.
	s, err := assemble(context.Background(), src, regions, 1, nil)
	if err != nil {
		return nil, err
	}
	s.Environment = env
	s.AccountID = ident.Account
	s.CollectedAt = src.newest.UTC().Truncate(time.Second)
	return s, nil
}

var regionDir = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9]+$`)

// exportRegions lists the region subdirectories of dir, sorted.
func exportRegions(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, unwrapPath(err))
	}
	var regions []string
	for _, e := range entries {
		if e.IsDir() && regionDir.MatchString(e.Name()) {
			regions = append(regions, e.Name())
		}
	}
	sort.Strings(regions)
	return regions, nil
}

// missingError marks an export gap; coverageFor reports it as "missing".
type missingError struct{ what []string }

func (m missingError) Error() string {
	sort.Strings(m.what)
	if len(m.what) == 1 {
		return m.what[0]
	}
	return fmt.Sprintf("%s (and %d more)", m.what[0], len(m.what)-1)
}

// dirSource reads export files. Gaps come back as a missingError, a
// malformed file as a fatalError.
type dirSource struct {
	dir    string
	mu     sync.Mutex
	newest time.Time
}

// read decodes dir/region/name into v. It reports false, with no error,
// when the file does not exist.
func (d *dirSource) read(region, name string, v any) (bool, error) {
	path := filepath.Join(d.dir, region, name)
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fatalError{fmt.Errorf("%s: %w", path, unwrapPath(err))}
	}
	if info.Size() > snapshot.MaxFileSize {
		return false, fatalError{fmt.Errorf("%s: larger than %d bytes, not an AWS CLI export", path, int64(snapshot.MaxFileSize))}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return false, fatalError{fmt.Errorf("%s: %w", path, unwrapPath(err))}
	}
	if err := decodeExport(data, v); err != nil {
		return false, fatalError{fmt.Errorf("%s: %w", path, err)}
	}
	d.mu.Lock()
	if info.ModTime().After(d.newest) {
		d.newest = info.ModTime()
	}
	d.mu.Unlock()
	return true, nil
}

// decodeExport parses one CLI output: a JSON object of the expected shape.
func decodeExport(data []byte, v any) error {
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return errors.New("empty file, want the JSON the AWS CLI prints")
	}
	if data[0] != '{' {
		return errors.New("not a JSON object; export with --output json")
	}
	if err := json.Unmarshal(data, v); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			return fmt.Errorf("invalid JSON at byte %d: %s", syn.Offset, syn.Error())
		case errors.As(err, &typ):
			return fmt.Errorf("field %s: want %s, got JSON %s", typ.Field, typ.Type, typ.Value)
		default:
			return errors.New(oneLine(err.Error()))
		}
	}
	return nil
}

// gaps accumulates what an export lacks for one service and region.
type gaps struct{ what []string }

// need reads a file the service cannot do without.
func (g *gaps) need(d *dirSource, region, name string, v any) error {
	ok, err := d.read(region, name, v)
	if err == nil && !ok {
		g.what = append(g.what, name+" not found")
	}
	return err
}

// items reads a per-item file and checks it holds an entry for every id.
// With no ids the file may be absent.
func items[V any](g *gaps, d *dirSource, region, name string, m *map[string]V, ids []string) error {
	*m = map[string]V{}
	if len(ids) == 0 {
		_, err := d.read(region, name, m)
		return err
	}
	ok, err := d.read(region, name, m)
	if err != nil {
		return err
	}
	if !ok {
		g.what = append(g.what, name+" not found")
		return nil
	}
	for _, id := range ids {
		if _, ok := (*m)[id]; !ok {
			g.what = append(g.what, fmt.Sprintf("%s has no entry for %s", name, id))
		}
	}
	return nil
}

func (g *gaps) err() error {
	if len(g.what) == 0 {
		return nil
	}
	return missingError{what: g.what}
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
