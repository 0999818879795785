package main

import (
	"bytes"
	"github.com/parity-sec/parity/collectors/snapshot/snapshottest"
	"strings"
	"testing"
)

func TestRunOnExamplePair(t *testing.T) {
	stg, prd := snapshottest.ExamplePaths(t)
	var out bytes.Buffer
	if err := run([]string{stg, prd}, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"resources  ", "changes    ", "load       ", "normalize  ", "compare    ", "total      "} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestRunErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{nil, "usage: pipeline STAGING.json PRODUCTION.json"},
		{[]string{"no-such.json", "other.json"}, "no-such.json: no such file or directory"},
	}
	for _, tt := range tests {
		err := run(tt.args, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("run(%q) = %v, want an error containing %q", tt.args, err, tt.want)
		}
	}
}
