package collectors

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/parity-sec/parity/collectors/mototest"
	"github.com/parity-sec/parity/collectors/snapshot"
)

// throttleCodes is the throttling error each protocol family uses.
var throttleCodes = map[string]mototest.Fault{
	"iam": {Status: 400, Code: "Throttling"},
	"sts": {Status: 400, Code: "Throttling"},
	"ec2": {Status: 503, Code: "RequestLimitExceeded"},
	"s3":  {Status: 503, Code: "SlowDown"},
}

// testThrottling answers every third request with a throttling error (and
// every tenth with a 500) and expects the same snapshot as without faults.
func testThrottling(t *testing.T, srv *mototest.Server, want *snapshot.Snapshot) {
	proxy := mototest.StartProxy(t, srv.URL, func(n int, service string) *mototest.Fault {
		switch {
		case n == 1:
			return nil // the credential check does not retry much by design
		case n%3 == 0:
			if f, ok := throttleCodes[service]; ok {
				return &f
			}
			return &mototest.Fault{Status: 400, Code: "ThrottlingException"}
		case n%10 == 0:
			return &mototest.Fault{Status: 500, Code: "InternalFailure"}
		}
		return nil
	})
	got := collect(t, motoOptions(proxy.URL, "staging", regionA, regionB))
	got.CollectedAt = want.CollectedAt
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("snapshot through the throttling proxy differs (-direct +proxied):\n%s", diff)
	}
	if _, faults := proxy.Counts(); faults < 10 {
		t.Errorf("only %d faults injected; the test did not exercise retries", faults)
	}
}

// testAccessDenied denies every KMS call: KMS is recorded as denied in both
// regions and everything else is collected as usual.
func testAccessDenied(t *testing.T, srv *mototest.Server, want *snapshot.Snapshot) {
	proxy := mototest.StartProxy(t, srv.URL, func(n int, service string) *mototest.Fault {
		if service == "kms" {
			return &mototest.Fault{Status: 400, Code: "AccessDeniedException"}
		}
		return nil
	})
	got := collect(t, motoOptions(proxy.URL, "staging", regionA, regionB))
	expected := *want
	expected.CollectedAt = got.CollectedAt
	expected.Secrets.KMSKeys = []snapshot.KMSKey{}
	expected.Coverage = nil
	for _, c := range want.Coverage {
		if c.Service == "kms" {
			c.Status = snapshot.CoverageDenied
			c.Message = "ListKeys: AccessDeniedException: injected by the parity test proxy"
		}
		expected.Coverage = append(expected.Coverage, c)
	}
	if diff := cmp.Diff(&expected, got); diff != "" {
		t.Errorf("snapshot with KMS denied (-want +got):\n%s", diff)
	}
}

// TestUnreachableEndpoint expects one clear line, quickly, when nothing
// listens at the endpoint.
func TestUnreachableEndpoint(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	endpoint := "http://" + l.Addr().String()
	l.Close() // nothing listens here now

	_, err = Collect(context.Background(), motoOptions(endpoint, "staging", regionA))
	if err == nil {
		t.Fatal("collect against a closed port succeeded")
	}
	msg := err.Error()
	if strings.Contains(msg, "\n") || !strings.HasPrefix(msg, "cannot reach "+endpoint+":") || !strings.Contains(msg, "connection refused") {
		t.Errorf("want one line naming the endpoint and the cause, got %q", msg)
	}
}

// TestRejectedCredentials expects one line saying the credentials were refused.
func TestRejectedCredentials(t *testing.T) {
	proxy := mototest.StartProxy(t, "http://127.0.0.1:1", func(n int, service string) *mototest.Fault {
		return &mototest.Fault{Status: 403, Code: "InvalidClientTokenId"}
	})
	_, err := Collect(context.Background(), motoOptions(proxy.URL, "staging", regionA))
	want := "aws credentials rejected (InvalidClientTokenId: injected by the parity test proxy): check --profile, --role-arn or the AWS_* environment"
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	if errors.Is(err, context.DeadlineExceeded) {
		t.Error("credential failure waited for the timeout")
	}
}
