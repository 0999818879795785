package collectors

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/parity-sec/parity/collectors/mototest"
	"github.com/parity-sec/parity/collectors/snapshot"
)

// motoOptions collects from endpoint with static test credentials, without
// reading the developer's AWS profile or environment.
func motoOptions(endpoint, env string, regions ...string) Options {
	return Options{
		Env:         env,
		Regions:     regions,
		EndpointURL: endpoint,
		Concurrency: 4,
		maxBackoff:  200 * time.Millisecond, // the SDK's schedule, compressed
		loadOptions: []func(*config.LoadOptions) error{
			config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("testing", "testing", "")),
			config.WithRegion(regionA),
			config.WithSharedConfigFiles([]string{}),
			config.WithSharedCredentialsFiles([]string{}),
		},
	}
}

// accounts returns the two seeded moto servers. They live until the test
// that first asked for them ends, so callers run inside one parent test.
func accounts(t *testing.T) (staging, production *mototest.Server) {
	t.Helper()
	mototest.Require(t)
	staging = mototest.Start(t, mototest.StagingAccount)
	production = mototest.Start(t, mototest.ProductionAccount)
	seed(t, staging, "staging")
	seed(t, production, "production")
	return staging, production
}

func collect(t *testing.T, opts Options) *snapshot.Snapshot {
	t.Helper()
	s, err := Collect(context.Background(), opts)
	if err != nil {
		t.Fatalf("collect %s: %v", opts.Env, err)
	}
	return s
}

// TestMoto runs every test that needs seeded moto accounts under one parent,
// so the servers start and are seeded once.
func TestMoto(t *testing.T) {
	staging, production := accounts(t)
	st := collect(t, motoOptions(staging.URL, "staging", regionA, regionB))
	pr := collect(t, motoOptions(production.URL, "production", regionB, regionA))

	t.Run("staging", func(t *testing.T) { checkSeeded(t, st, "staging", mototest.StagingAccount) })
	t.Run("production", func(t *testing.T) { checkSeeded(t, pr, "production", mototest.ProductionAccount) })
	t.Run("deterministic", func(t *testing.T) {
		again := collect(t, motoOptions(staging.URL, "staging", regionB, regionA))
		again.CollectedAt = st.CollectedAt
		if diff := cmp.Diff(st, again); diff != "" {
			t.Errorf("second collection differs (-first +second):\n%s", diff)
		}
	})
	t.Run("drifts", func(t *testing.T) { testDrifts(t, st, pr) })
	t.Run("throttling", func(t *testing.T) { testThrottling(t, staging, st) })
	t.Run("throttling is prompt", func(t *testing.T) { testThrottlingPrompt(t, staging) })
	t.Run("access denied", func(t *testing.T) { testAccessDenied(t, staging, st) })
	t.Run("export script", func(t *testing.T) { testExportScript(t, production) })
	// Last: assuming a role marks it used in moto, which changes the snapshot.
	t.Run("assume role", func(t *testing.T) { testAssumeRole(t, staging) })
	t.Run("profile", func(t *testing.T) { testProfile(t, staging) })
	t.Run("all regions", func(t *testing.T) { testAllRegions(t, staging) })
	t.Run("AWS_ENDPOINT_URL", func(t *testing.T) { testEndpointEnv(t, staging) })
}

// volatile are fields moto fills with fresh ids and times on every run.
var volatile = cmp.Options{
	cmpopts.IgnoreFields(snapshot.Snapshot{}, "CollectedAt"),
	cmpopts.IgnoreFields(snapshot.Role{}, "CreatedAt"),
	cmpopts.IgnoreFields(snapshot.User{}, "CreatedAt"),
	cmpopts.IgnoreFields(snapshot.AccessKey{}, "IDSuffix", "CreatedAt"),
	cmpopts.IgnoreFields(snapshot.SAMLProvider{}, "ValidUntil"),
	cmpopts.IgnoreFields(snapshot.Secret{}, "ARN", "LastRotated"),
	cmpopts.IgnoreFields(snapshot.Parameter{}, "LastModified"),
	cmpopts.IgnoreFields(snapshot.KMSKey{}, "KeyID", "ARN"),
	cmpopts.IgnoreFields(snapshot.FlowLog{}, "ID", "ResourceID"),
	cmpopts.IgnoreFields(snapshot.VPC{}, "ID"),
	cmpopts.IgnoreFields(snapshot.SecurityGroup{}, "ID", "VPCID"),
	cmpopts.IgnoreFields(snapshot.NetworkACL{}, "ID", "VPCID"),
	cmpopts.EquateEmpty(),
}

func checkSeeded(t *testing.T, s *snapshot.Snapshot, env, acct string) {
	if s.Environment != env || s.AccountID != acct || s.SchemaVersion != snapshot.SchemaVersion {
		t.Errorf("header: env %q account %q schema %d", s.Environment, s.AccountID, s.SchemaVersion)
	}
	if diff := cmp.Diff([]string{regionA, regionB}, s.Regions); diff != "" {
		t.Errorf("regions (-want +got):\n%s", diff)
	}
	for _, c := range s.Coverage {
		if c.Status != snapshot.CoverageOK {
			t.Errorf("coverage %s %s: %s %s", c.Service, c.Region, c.Status, c.Message)
		}
	}
	if got := len(s.Coverage); got != 1+6*2 {
		t.Errorf("%d coverage entries, want 13", got)
	}
	want := wantSeeded(env, acct)

	// AWS managed documents are AWS's text, not the test's: check presence only.
	id := s.Identity
	id.Policies = append([]snapshot.ManagedPolicy(nil), id.Policies...)
	for i, p := range id.Policies {
		if p.AWSManaged {
			if p.Document == "" {
				t.Errorf("AWS managed policy %s has no document", p.ARN)
			}
			id.Policies[i].Document = ""
		}
	}
	if diff := cmp.Diff(want.Identity, id, volatile); diff != "" {
		t.Errorf("identity (-want +got):\n%s", diff)
	}
	if len(id.Users) == 1 && (len(id.Users[0].AccessKeys) != 1 || len(id.Users[0].AccessKeys[0].IDSuffix) != 4) {
		t.Errorf("access keys: want one key with a 4-character suffix, got %+v", id.Users[0].AccessKeys)
	}
	if diff := cmp.Diff(want.Secrets, s.Secrets, volatile); diff != "" {
		t.Errorf("secrets (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want.Logging, s.Logging, volatile, cmpopts.SortSlices(func(a, b snapshot.FlowLog) bool { return a.Region < b.Region })); diff != "" {
		t.Errorf("logging (-want +got):\n%s", diff)
	}
	sortNet := cmp.Options{
		cmpopts.SortSlices(func(a, b snapshot.VPC) bool { return a.Region+a.Tags["Name"] < b.Region+b.Tags["Name"] }),
		cmpopts.SortSlices(func(a, b snapshot.SecurityGroup) bool {
			return a.Region+a.Name+a.Tags["Name"] < b.Region+b.Name+b.Tags["Name"]
		}),
		cmpopts.SortSlices(func(a, b snapshot.NetworkACL) bool {
			return a.Region+a.Tags["Name"]+fmtBool(a.IsDefault) < b.Region+b.Tags["Name"]+fmtBool(b.IsDefault)
		}),
	}
	if diff := cmp.Diff(want.Network, s.Network, volatile, sortNet); diff != "" {
		t.Errorf("network (-want +got):\n%s", diff)
	}
}

func fmtBool(b bool) string {
	if b {
		return "1"
	}
	return "0"
}
