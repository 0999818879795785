package collectors

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/parity-sec/parity/collectors/snapshot"
	"github.com/parity-sec/parity/collectors/snapshot/snapshottest/golden"
)

const fromDirGolden = "testdata/export.golden.json"

// copyFixture copies the export fixture into a temp dir a test may change.
func copyFixture(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(fixtureDir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(fixtureDir, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func encode(t *testing.T, s *snapshot.Snapshot) string {
	t.Helper()
	var b bytes.Buffer
	if err := snapshot.Encode(&b, s); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestFromDirGolden reads a real CLI export of the seeded production
// account (see fixtureDir) and compares the snapshot with the golden file.
func TestFromDirGolden(t *testing.T) {
	s, err := FromDir(fixtureDir, "production")
	if err != nil {
		t.Fatal(err)
	}
	if s.CollectedAt.IsZero() {
		t.Error("CollectedAt not set from the export files")
	}
	s.CollectedAt = time.Time{} // file times depend on the checkout
	got := encode(t, s)
	golden.Check(t, fromDirGolden, []byte(got))
	if _, err := snapshot.Parse([]byte(got)); err != nil {
		t.Errorf("the snapshot does not load back: %v", err)
	}
}

func coverageOf(s *snapshot.Snapshot, service, region string) snapshot.Coverage {
	for _, c := range s.Coverage {
		if c.Service == service && c.Region == region {
			return c
		}
	}
	return snapshot.Coverage{}
}

// TestFromDirMissing removes files and expects a "missing" gap for exactly
// the service they feed, with the rest read as usual.
func TestFromDirMissing(t *testing.T) {
	tests := []struct {
		remove  string // relative to the export
		service string
		region  string
		message string
	}{
		{fileAuthDetails, "iam", "global", "iam-get-account-authorization-details.json not found"},
		{fileAccessKeys, "iam", "global", "iam-list-access-keys.json not found"},
		{"eu-west-1/" + fileListSecrets, "secretsmanager", regionA, "secretsmanager-list-secrets.json not found"},
		{"eu-west-1/" + fileSecretPolicy, "secretsmanager", regionA, "secretsmanager-get-resource-policy.json not found"},
		{"eu-west-1/" + fileParameters, "ssm", regionA, "ssm-describe-parameters.json not found"},
		{"eu-west-1/" + fileKeyPolicy, "kms", regionA, "kms-get-key-policy.json not found"},
		{"eu-west-1/" + fileTrailStatus, "cloudtrail", regionA, "cloudtrail-get-trail-status.json not found"},
		{"eu-west-1/" + fileSubscriptions, "logs", regionA, "logs-describe-subscription-filters.json not found"},
		{"eu-west-1/" + fileFlowLogs, "ec2", regionA, "ec2-describe-flow-logs.json not found"},
	}
	full, err := FromDir(fixtureDir, "production")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range tests {
		t.Run(tc.remove, func(t *testing.T) {
			dir := copyFixture(t)
			if err := os.Remove(filepath.Join(dir, tc.remove)); err != nil {
				t.Fatal(err)
			}
			s, err := FromDir(dir, "production")
			if err != nil {
				t.Fatalf("a missing file must not be an error: %v", err)
			}
			want := snapshot.Coverage{Service: tc.service, Region: tc.region, Status: snapshot.CoverageMissing, Message: tc.message}
			if diff := cmp.Diff(want, coverageOf(s, tc.service, tc.region)); diff != "" {
				t.Errorf("coverage (-want +got):\n%s", diff)
			}
			for _, c := range s.Coverage {
				if c.Service != tc.service && c.Status != snapshot.CoverageOK {
					t.Errorf("unrelated coverage %s %s is %s", c.Service, c.Region, c.Status)
				}
			}
			if tc.service != "ec2" && !cmp.Equal(full.Network, s.Network) {
				t.Error("network changed although no ec2 file was removed")
			}
		})
	}
}

// TestFromDirEntryMissing drops one item from a per-item file.
func TestFromDirEntryMissing(t *testing.T) {
	dir := copyFixture(t)
	path := filepath.Join(dir, regionA, fileSubscriptions)
	if err := os.WriteFile(path, []byte(`{"siem-sink":{"subscriptionFilters":[]}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := FromDir(dir, "production")
	if err != nil {
		t.Fatal(err)
	}
	want := snapshot.Coverage{Service: "logs", Region: regionA, Status: snapshot.CoverageMissing,
		Message: "logs-describe-subscription-filters.json has no entry for /app/production"}
	if diff := cmp.Diff(want, coverageOf(s, "logs", regionA)); diff != "" {
		t.Errorf("coverage (-want +got):\n%s", diff)
	}
}

// TestFromDirMalformed expects one line naming the broken file.
func TestFromDirMalformed(t *testing.T) {
	tests := []struct {
		file    string
		content string
		want    string // after "<dir>/<file>: "
	}{
		{fileCallerIdentity, `{"Account": "12"}`, ""},
		{fileAuthDetails, ``, "empty file, want the JSON the AWS CLI prints"},
		{fileAuthDetails, `[]`, "not a JSON object; export with --output json"},
		{fileAuthDetails, "RoleDetailList\tname", "not a JSON object; export with --output json"},
		{fileAuthDetails, `{"RoleDetailList": [`, "invalid JSON at byte 20: unexpected end of JSON input"},
		{fileAuthDetails, `{"RoleDetailList": {"a": 1}}`, "field RoleDetailList: want []collectors.wireRoleDetail, got JSON object"},
		{regionA + "/" + fileListKeys, `{"Keys": [{"KeyId": 7}]}`, "field Keys.KeyId: want string, got JSON number"},
		{regionA + "/" + fileParameters, `{"Parameters": [{"Name": "p", "LastModifiedDate": "yesterday"}]}`, `timestamp "yesterday": not ISO 8601 or epoch seconds`},
		{regionA + "/" + fileKeyPolicy, `{"k": {"Policy": "{not json"}}`, "policy document: invalid character"},
	}
	for _, tc := range tests {
		t.Run(tc.file+" "+tc.content, func(t *testing.T) {
			dir := copyFixture(t)
			path := filepath.Join(dir, tc.file)
			if err := os.WriteFile(path, []byte(tc.content), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := FromDir(dir, "production")
			if err == nil {
				t.Fatal("malformed export accepted")
			}
			msg := err.Error()
			if strings.Contains(msg, "\n") || !strings.HasPrefix(msg, path+": ") || !strings.Contains(msg, tc.want) {
				t.Errorf("got %q\nwant one line starting %q containing %q", msg, path+": ", tc.want)
			}
		})
	}
}

func TestFromDirBadArguments(t *testing.T) {
	file := filepath.Join(t.TempDir(), "f.json")
	if err := os.WriteFile(file, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ dir, env, want string }{
		{fixtureDir, "", "environment name is empty: set --env"},
		{"testdata/no-such-dir", "x", "testdata/no-such-dir: no such file or directory"},
		{file, "x", file + ": not a directory"},
	}
	for _, tc := range tests {
		_, err := FromDir(tc.dir, tc.env)
		if err == nil || err.Error() != tc.want {
			t.Errorf("FromDir(%q, %q) = %v, want %q", tc.dir, tc.env, err, tc.want)
		}
	}
}

// TestFromDirEmpty: an empty directory is all gaps, not an error.
func TestFromDirEmpty(t *testing.T) {
	s, err := FromDir(t.TempDir(), "staging")
	if err != nil {
		t.Fatal(err)
	}
	want := []snapshot.Coverage{
		{Service: "iam", Region: "global", Status: snapshot.CoverageMissing, Message: "iam-get-account-authorization-details.json not found (and 3 more)"},
		{Service: "s3", Region: "global", Status: snapshot.CoverageMissing, Message: "s3api-list-buckets.json not found"},
	}
	if diff := cmp.Diff(want, s.Coverage); diff != "" {
		t.Errorf("coverage (-want +got):\n%s", diff)
	}
}
