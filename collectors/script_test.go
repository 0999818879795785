package collectors

import (
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/parity-sec/parity/collectors/snapshot"
)

// fakeAWS is an `aws` stand-in: it logs its arguments, lists two regions,
// fails every kms call as AccessDenied and prints an empty object otherwise.
const fakeAWS = `#!/usr/bin/env bash
echo "$*" >>"$FAKE_AWS_LOG"
case "$*" in
*"describe-regions"*) printf 'eu-west-1\tus-east-1\n' ;;
*"sts get-caller-identity"*) echo '{"Account": "111111111111"}' ;;
*" kms "*) echo "An error occurred (AccessDeniedException)" >&2; exit 254 ;;
*) echo '{}' ;;
esac
`

// TestExportScriptFakeCLI drives scripts/export-aws.sh with a fake AWS CLI:
// --all-regions, a failing service (its files left out, a warning, exit 0),
// and a directory FromDir reads with that service "missing".
func TestExportScriptFakeCLI(t *testing.T) {
	for _, tool := range []string{"bash", "jq"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("SKIPPED: %s not on PATH", tool)
		}
	}
	bin := t.TempDir()
	if err := os.WriteFile(filepath.Join(bin, "aws"), []byte(fakeAWS), 0o755); err != nil {
		t.Fatal(err)
	}
	jq, _ := exec.LookPath("jq")
	if err := os.Symlink(jq, filepath.Join(bin, "jq")); err != nil {
		t.Fatal(err)
	}
	log := filepath.Join(t.TempDir(), "calls")
	dir := filepath.Join(t.TempDir(), "export")
	cmd := exec.Command("bash", "scripts/export-aws.sh", dir, "--all-regions")
	cmd.Env = append(os.Environ(), "PATH="+bin+":/usr/bin:/bin", "FAKE_AWS_LOG="+log)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("export-aws.sh: %v\n%s", err, out)
	}
	if strings.Contains(string(out), "jq: error") {
		t.Errorf("jq complained about an empty answer:\n%s", out)
	}
	if !strings.Contains(string(out), "aws kms list-keys --region eu-west-1 failed") {
		t.Errorf("no warning for the failed kms call:\n%s", out)
	}

	var files []string
	_ = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, path)
			files = append(files, rel)
		}
		return nil
	})
	sort.Strings(files)
	want := []string{fileCallerIdentity, fileAuthDetails, fileKeyLastUsed, fileAccessKeys, fileGetOIDC, fileListOIDC, fileListRoles, fileListSAML, fileListBuckets, fileBucketPolicy}
	for _, r := range []string{"eu-west-1", "us-east-1"} {
		for _, f := range []string{fileTrails, fileEventSelectors, fileTrailStatus, fileFlowLogs, fileNetworkAcls, fileSecurityGroups, fileVpcs,
			fileDescribeKey, fileKeyRotation, fileKeyPolicy, fileKeyTags, fileKeyGrants, fileLogGroups, fileSubscriptions, fileDestinations, fileSecretPolicy, fileListSecrets, fileParameters} {
			want = append(want, r+"/"+f)
		}
	}
	sort.Strings(want)
	if diff := cmp.Diff(want, files); diff != "" {
		t.Errorf("exported files (-want +got):\n%s", diff)
	}

	s, err := FromDir(dir, "staging")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range s.Coverage {
		wantStatus := snapshot.CoverageOK
		if c.Service == "kms" {
			wantStatus = snapshot.CoverageMissing
		}
		if c.Status != wantStatus {
			t.Errorf("coverage %s %s: %s %s, want %s", c.Service, c.Region, c.Status, c.Message, wantStatus)
		}
	}
	if s.AccountID != "111111111111" || len(s.Regions) != 2 {
		t.Errorf("account %q regions %v", s.AccountID, s.Regions)
	}
}
