package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parity-sec/parity/collectors/snapshot"
)

func TestRunWritesLoadablePair(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "pair")
	var out bytes.Buffer
	if err := run([]string{"-n", "200", "-seed", "4", "-o", dir}, &out); err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(dir, "staging.json") + "\n" + filepath.Join(dir, "production.json") + "\n"
	if diff := cmp.Diff(want, out.String()); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
	for _, env := range []string{"staging", "production"} {
		s, err := snapshot.Load(filepath.Join(dir, env+".json"))
		if err != nil {
			t.Fatal(err)
		}
		if s.Environment != env {
			t.Errorf("%s.json holds environment %q", env, s.Environment)
		}
	}
}

func TestRunBadFlags(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-n", "10"}, "-o: give an output directory"},
		{[]string{"-n", "-1", "-o", "x"}, "-n -1: want a count of zero or more"},
		{[]string{"-n", "many", "-o", "x"}, `invalid value "many" for flag -n`},
	}
	for _, tt := range tests {
		var out bytes.Buffer
		err := run(tt.args, &out)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("run(%q) = %v, want an error containing %q", tt.args, err, tt.want)
		}
	}
}
