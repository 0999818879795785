package collectors

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/parity-sec/parity/collectors/mototest"
)

var scale = flag.Bool("scale", false, "run the scale measurement (1,000 roles, 200 secrets, 300 security groups) and print figures")

// TestScale is a measurement, not a check of speed: it seeds one moto
// account, snapshots it with Collect and with scripts/export-aws.sh through
// a counting proxy, and prints wall time and API calls per service. It
// fails only if IAM calls grow with roles instead of pages.
//
//	go test ./collectors -run TestScale -scale -v
func TestScale(t *testing.T) {
	if !*scale {
		t.Skip("measurement; run with -scale")
	}
	srv := mototest.Start(t, mototest.StagingAccount)
	start := time.Now()
	seedScale(t, srv, 1000, 200, 300)
	t.Logf("seeded 1000 roles, 200 secrets, 300 security groups in %s", time.Since(start).Round(time.Millisecond))

	proxy := mototest.StartProxy(t, srv.URL, nil)
	start = time.Now()
	s := collect(t, motoOptions(proxy.URL, "staging", regionA))
	collectTime := time.Since(start)
	collectCalls, _ := proxy.Counts()
	t.Logf("Collect: %s, %s; %d roles, %d secrets, %d security groups", collectTime.Round(time.Millisecond), callSummary(collectCalls),
		len(s.Identity.Roles), len(s.Secrets.Secrets), len(s.Network.SecurityGroups))
	if len(s.Identity.Roles) < 1000 || len(s.Secrets.Secrets) < 200 || len(s.Network.SecurityGroups) < 300 {
		t.Errorf("snapshot is missing seeded resources")
	}
	// 1,000 roles are a handful of pages (details and list-roles, 1,000 per
	// page), plus one call per user, key and provider: far below one per role.
	if n := collectCalls["iam"]; n > 20 {
		t.Errorf("Collect made %d IAM calls for 1,000 roles; IAM calls must grow with pages, not roles", n)
	}

	cliProxy := mototest.StartProxy(t, srv.URL, nil)
	cli := &mototest.Server{URL: cliProxy.URL, Account: srv.Account}
	start = time.Now()
	dir := exportScriptQuiet(t, cli, regionA)
	cliTime := time.Since(start)
	cliCalls, _ := cliProxy.Counts()
	t.Logf("export-aws.sh: %s, %s", cliTime.Round(time.Millisecond), callSummary(cliCalls))
	start = time.Now()
	if _, err := FromDir(dir, "staging"); err != nil {
		t.Fatal(err)
	}
	t.Logf("FromDir of that export: %s", time.Since(start).Round(time.Millisecond))
}

func exportScriptQuiet(t *testing.T, srv *mototest.Server, regions ...string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "export")
	cmd := exec.Command("bash", append([]string{"scripts/export-aws.sh", dir}, regions...)...)
	cmd.Env = append(os.Environ(), srv.Env()...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("export-aws.sh: %v\n%s", err, out)
	}
	return dir
}

func callSummary(calls map[string]int) string {
	total := 0
	var parts []string
	for svc, n := range calls {
		total += n
		parts = append(parts, fmt.Sprintf("%s %d", svc, n))
	}
	sort.Strings(parts)
	return fmt.Sprintf("%d API calls (%s)", total, strings.Join(parts, ", "))
}

// seedScale creates the measurement data with eight parallel writers.
func seedScale(t *testing.T, srv *mototest.Server, roles, secrets, groups int) {
	ctx := context.Background()
	cfg := seedConfig(srv, regionA)
	ic, sc, ec := iam.NewFromConfig(cfg), secretsmanager.NewFromConfig(cfg), ec2.NewFromConfig(cfg)
	vpc := must[*ec2.CreateVpcOutput](t, "vpc")(ec.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16")}))
	trust := policyDoc(`{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}`)
	jobs := make(chan func() error)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for job := range jobs {
				if err := job(); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	for i := range roles {
		jobs <- func() error {
			name := fmt.Sprintf("svc-%04d", i)
			if _, err := ic.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(name), AssumeRolePolicyDocument: trust}); err != nil {
				return err
			}
			_, err := ic.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String(name), PolicyName: aws.String("logs"),
				PolicyDocument: policyDoc(`{"Effect":"Allow","Action":"logs:PutLogEvents","Resource":"*"}`)})
			return err
		}
	}
	for i := range secrets {
		jobs <- func() error {
			_, err := sc.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String(fmt.Sprintf("svc/%04d", i)), SecretString: aws.String("x")})
			return err
		}
	}
	for i := range groups {
		jobs <- func() error {
			_, err := ec.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{GroupName: aws.String(fmt.Sprintf("sg-%04d", i)), Description: aws.String("scale"), VpcId: vpc.Vpc.VpcId})
			return err
		}
	}
	close(jobs)
	wg.Wait()
	if firstErr != nil {
		t.Fatalf("seed scale: %v", firstErr)
	}
}
