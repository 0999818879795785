package collectors

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/parity-sec/parity/collectors/mototest"
	"github.com/parity-sec/parity/collectors/snapshot/snapshottest/golden"
)

// exportScript runs scripts/export-aws.sh against srv into a new directory.
func exportScript(t *testing.T, srv *mototest.Server, regions ...string) string {
	t.Helper()
	for _, tool := range []string{"aws", "jq", "bash"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s not on PATH", tool)
			}
			t.Skipf("SKIPPED: %s not on PATH: export script not tested", tool)
		}
	}
	dir := filepath.Join(t.TempDir(), "export")
	cmd := exec.Command("bash", append([]string{"scripts/export-aws.sh", dir}, regions...)...)
	cmd.Env = append(os.Environ(), srv.Env()...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("export-aws.sh: %v\n%s", err, out)
	}
	return dir
}

// testExportScript checks that the CLI export of an account reads back as
// the same snapshot the API collector makes of it. One region only: every
// CLI call starts a Python process, so the script is slow by nature.
func testExportScript(t *testing.T, srv *mototest.Server) {
	want := collect(t, motoOptions(srv.URL, "production", regionA))
	dir := exportScript(t, srv, regionA)
	got, err := FromDir(dir, want.Environment)
	if err != nil {
		t.Fatal(err)
	}
	if golden.Update() {
		saveFixture(t, dir)
	}
	got.CollectedAt = want.CollectedAt
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("FromDir(export) differs from Collect (-collect +fromdir):\n%s", diff)
	}
}

// fixtureDir holds a real export of the seeded production account, for
// the offline FromDir tests. It is refreshed by `go test -run TestMoto -update`.
const fixtureDir = "testdata/export"

// saveFixture copies an export into testdata, dropping the unattached AWS
// managed policies (megabytes that FromDir ignores anyway).
func saveFixture(t *testing.T, dir string) {
	t.Helper()
	if err := os.RemoveAll(fixtureDir); err != nil {
		t.Fatal(err)
	}
	trim := `.Policies |= map(select((.Arn | contains(":iam::aws:policy/") | not) or .AttachmentCount > 0 or .PermissionsBoundaryUsageCount > 0))`
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		dst := filepath.Join(fixtureDir, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if d.Name() == fileAuthDetails {
			if data, err = exec.Command("jq", trim, path).Output(); err != nil {
				return err
			}
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatalf("save fixture: %v", err)
	}
}
