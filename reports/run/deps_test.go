package run_test

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/parity-sec/parity/"

// stages in flow order; a package may import only packages of its own or
// an earlier stage. reports/run is the last analysis step before the
// renderers, and reports/history stores its reports.
var stages = []string{"collectors", "normalize", "diff", "policies", "reports/run", "reports/history", "reports"}

func stageOf(pkg string) int {
	rel, ok := strings.CutPrefix(pkg, module)
	if !ok {
		return -1
	}
	best, bestLen := -1, 0
	for i, s := range stages {
		if (rel == s || strings.HasPrefix(rel, s+"/")) && len(s) > bestLen {
			best, bestLen = i, len(s)
		}
	}
	return best
}

// TestStagesPointOneWay runs go list -deps on every stage package: no stage
// imports a later one, and the history store never imports the renderers.
func TestStagesPointOneWay(t *testing.T) {
	if testing.Short() {
		t.Skip("go list over the module is slow on a shared machine")
	}
	out, err := exec.Command("go", "list", "-f", `{{.Name}} {{.ImportPath}}{{range .Deps}} {{.}}{{end}}`, module+"...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	checked := 0
	for line := range strings.Lines(string(out)) {
		fields := strings.Fields(line)
		name, pkg, deps := fields[0], fields[1], fields[2:]
		from := stageOf(pkg)
		if from < 0 || name == "main" {
			continue // programs (cmd/parity, the benchmark tools) wire stages; they are none
		}
		checked++
		for _, d := range deps {
			if to := stageOf(d); to > from {
				t.Errorf("%s (stage %s) imports %s (later stage %s)", pkg, stages[from], d, stages[to])
			}
		}
		if strings.HasPrefix(pkg, module+"reports/history") && slices.Contains(deps, module+"reports") {
			t.Errorf("%s imports the renderers (reports)", pkg)
		}
	}
	if checked < 10 {
		t.Errorf("only %d stage packages checked; is the module path right?", checked)
	}
}
