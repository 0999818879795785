package collectors

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/google/go-cmp/cmp"
	"github.com/parity-sec/parity/collectors/mototest"
)

// testAssumeRole collects through --role-arn/--external-id: the proxy must
// see sts AssumeRole before anything else is read.
func testAssumeRole(t *testing.T, srv *mototest.Server) {
	proxy := mototest.StartProxy(t, srv.URL, nil)
	opts := motoOptions(proxy.URL, "staging", regionA)
	opts.RoleARN = "arn:aws:iam::" + srv.Account + ":role/deploy-staging"
	opts.ExternalID = "ci"
	s := collect(t, opts)
	if s.AccountID != srv.Account {
		t.Errorf("account %q, want %q", s.AccountID, srv.Account)
	}
	if calls, _ := proxy.Counts(); calls["sts"] != 2 {
		t.Errorf("%d sts calls, want AssumeRole and GetCallerIdentity", calls["sts"])
	}
}

// testProfile takes credentials and the default region from a named
// profile in shared files (written to a temp dir, never the user's).
func testProfile(t *testing.T, srv *mototest.Server) {
	// The environment would win over the profile; the SDK treats empty as unset.
	for _, v := range []string{"AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"} {
		t.Setenv(v, "")
	}
	dir := t.TempDir()
	cfgFile, credFile := filepath.Join(dir, "config"), filepath.Join(dir, "credentials")
	if err := os.WriteFile(cfgFile, []byte("[profile stg]\nregion = "+regionB+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(credFile, []byte("[stg]\naws_access_key_id = testing\naws_secret_access_key = testing\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	opts := Options{
		Env: "staging", Profile: "stg", EndpointURL: srv.URL,
		loadOptions: []func(*config.LoadOptions) error{
			config.WithSharedConfigFiles([]string{cfgFile}),
			config.WithSharedCredentialsFiles([]string{credFile}),
		},
	}
	s := collect(t, opts)
	if diff := cmp.Diff([]string{regionB}, s.Regions); diff != "" {
		t.Errorf("regions from the profile (-want +got):\n%s", diff)
	}
	if len(s.Network.SecurityGroups) == 0 {
		t.Error("nothing collected with the profile's credentials")
	}
}

// testAllRegions asks moto for the enabled regions.
func testAllRegions(t *testing.T, srv *mototest.Server) {
	opts := motoOptions(srv.URL, "staging")
	opts.AllRegions = true
	cfg, err := loadConfig(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	regions, err := resolveRegions(context.Background(), cfg, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.IsSorted(regions) || !slices.Contains(regions, regionA) || !slices.Contains(regions, regionB) {
		t.Errorf("regions %v: want a sorted list with %s and %s", regions, regionA, regionB)
	}
}

// testEndpointEnv reaches moto through AWS_ENDPOINT_URL alone.
func testEndpointEnv(t *testing.T, srv *mototest.Server) {
	t.Setenv("AWS_ENDPOINT_URL", srv.URL)
	s := collect(t, motoOptions("", "staging", regionA))
	if s.AccountID != srv.Account || len(s.Identity.Roles) == 0 {
		t.Errorf("account %q with %d roles: AWS_ENDPOINT_URL not honoured", s.AccountID, len(s.Identity.Roles))
	}
}
