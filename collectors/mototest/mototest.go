// Package mototest starts moto_server processes for tests: one per AWS
// account, on a free loopback port, stopped when the test ends. It is test
// support only; nothing in parity's binary imports it.
package mototest

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// Account ids used by the integration tests.
const (
	StagingAccount    = "111111111111"
	ProductionAccount = "222222222222"
)

// Server is a running moto_server.
type Server struct {
	URL     string // http://127.0.0.1:PORT
	Account string
}

// Env returns the environment a process needs to reach this server with the
// AWS CLI or SDK: static test credentials, the endpoint and a region.
func (s *Server) Env() []string {
	return []string{
		"AWS_ACCESS_KEY_ID=testing",
		"AWS_SECRET_ACCESS_KEY=testing",
		"AWS_SESSION_TOKEN=",
		"AWS_DEFAULT_REGION=eu-west-1",
		"AWS_REGION=eu-west-1",
		"AWS_ENDPOINT_URL=" + s.URL,
		"AWS_EC2_METADATA_DISABLED=true",
		"AWS_CONFIG_FILE=/dev/null",
		"AWS_SHARED_CREDENTIALS_FILE=/dev/null",
	}
}

// Available reports whether moto_server is on PATH.
func Available() bool {
	_, err := exec.LookPath("moto_server")
	return err == nil
}

// Require skips the test loudly when moto_server is missing, and fails it
// under CI=true, where a missing moto must not pass as green.
func Require(t testing.TB) {
	t.Helper()
	if Available() {
		return
	}
	msg := "moto_server not on PATH: AWS INTEGRATION TESTS NOT RUN (pip install 'moto[server]')"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip("SKIPPED: " + msg)
}

// Start runs a moto_server for account and stops it when t ends.
func Start(t testing.TB, account string) *Server {
	t.Helper()
	Require(t)
	port, err := freePort()
	if err != nil {
		t.Fatalf("find a free port: %v", err)
	}
	cmd := exec.Command("moto_server", "-H", "127.0.0.1", "-p", strconv.Itoa(port))
	// Load AWS managed policies so roles can attach them as in a real account.
	cmd.Env = append(os.Environ(), "MOTO_ACCOUNT_ID="+account, "MOTO_IAM_LOAD_MANAGED_POLICIES=true")
	// Own process group, so cleanup also ends any worker moto forks.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if testing.Verbose() {
		cmd.Stderr = os.Stderr
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start moto_server: %v", err)
	}
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		_ = cmd.Wait()
	})
	s := &Server{URL: fmt.Sprintf("http://127.0.0.1:%d", port), Account: account}
	if err := waitReady(s.URL, 30*time.Second); err != nil {
		t.Fatalf("moto_server on port %d: %v", port, err)
	}
	return s
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// waitReady polls moto's dashboard-free health endpoint until it answers.
func waitReady(url string, limit time.Duration) error {
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		resp, err := client.Get(url + "/moto-api/data.json")
		if err == nil {
			resp.Body.Close()
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("not answering after %s", limit)
}
