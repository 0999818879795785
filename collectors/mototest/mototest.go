// Package mototest starts moto_server processes for tests: one per AWS
// account, on a free loopback port, stopped when the test ends. It is test
// support only; nothing in parity's binary imports it.
package mototest

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
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
//
// moto binds port 0 and Start reads the port it reports. Picking a free
// port first and passing it in races with other test processes (go test
// runs packages in parallel): two servers could be handed the same port,
// and the loser's readiness check would succeed against the winner.
func Start(t testing.TB, account string) *Server {
	t.Helper()
	Require(t)
	cmd := exec.Command("moto_server", "-H", "127.0.0.1", "-p", "0")
	// Load AWS managed policies so roles can attach them as in a real account.
	cmd.Env = append(os.Environ(), "MOTO_ACCOUNT_ID="+account, "MOTO_IAM_LOAD_MANAGED_POLICIES=true")
	// Own process group, so cleanup also ends any worker moto forks.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatalf("start moto_server: %v", err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start moto_server: %v", err)
	}
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		_ = cmd.Wait()
	})
	port, err := reportedPort(stderr, 30*time.Second)
	if err != nil {
		t.Fatalf("moto_server: %v", err)
	}
	s := &Server{URL: fmt.Sprintf("http://127.0.0.1:%d", port), Account: account}
	if err := waitReady(s.URL, 30*time.Second); err != nil {
		t.Fatalf("moto_server on port %d: %v", port, err)
	}
	return s
}

var runningOn = regexp.MustCompile(`Running on http://127\.0\.0\.1:([0-9]+)`)

// reportedPort reads moto's log until it names the port it bound, then
// keeps draining the log (to stderr under -v) so moto never blocks on it.
func reportedPort(r io.Reader, limit time.Duration) (int, error) {
	found := make(chan int, 1)
	go func() {
		sc := bufio.NewScanner(r)
		sent := false
		for sc.Scan() {
			if testing.Verbose() {
				fmt.Fprintln(os.Stderr, sc.Text())
			}
			if m := runningOn.FindStringSubmatch(sc.Text()); m != nil && !sent {
				port, _ := strconv.Atoi(m[1])
				found <- port
				sent = true
			}
		}
		if !sent {
			close(found)
		}
	}()
	select {
	case port, ok := <-found:
		if !ok {
			return 0, fmt.Errorf("exited before listening")
		}
		return port, nil
	case <-time.After(limit):
		return 0, fmt.Errorf("did not report a port within %s", limit)
	}
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
