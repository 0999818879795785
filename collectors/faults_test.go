package collectors

import (
	"context"
	"errors"
	"flag"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/parity-sec/parity/collectors/mototest"
	"github.com/parity-sec/parity/collectors/snapshot"
)

// throttleCodes is the throttling error each protocol family uses.
var throttleCodes = map[string]mototest.Fault{
	"iam": {Status: 400, Code: "Throttling"},
	"sts": {Status: 400, Code: "Throttling"},
	"ec2": {Status: 503, Code: "RequestLimitExceeded"},
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

var throttleBench = flag.Bool("throttle", false, "measure collection with a third of requests throttled against unthrottled, with the real backoff schedule, and print figures")

// testThrottlingPrompt (with -throttle) collects the two-region account
// through the fault proxy with and without a third of requests throttled,
// with the production backoff schedule (not the compressed test one), and
// requires the throttled run within 5× the unthrottled one:
//
//	go test ./collectors -run 'TestMoto/throttling_is_prompt' -throttle -v
func testThrottlingPrompt(t *testing.T, srv *mototest.Server) {
	if !*throttleBench {
		t.Skip("timing measurement; run with -throttle")
	}
	measure := func(faulty bool) time.Duration {
		var best time.Duration
		for range 3 {
			proxy := mototest.StartProxy(t, srv.URL, func(n int, service string) *mototest.Fault {
				if !faulty || n == 1 || n%3 != 0 {
					return nil
				}
				if f, ok := throttleCodes[service]; ok {
					return &f
				}
				return &mototest.Fault{Status: 400, Code: "ThrottlingException"}
			})
			opts := motoOptions(proxy.URL, "staging", regionA, regionB)
			opts.maxBackoff = 0 // the real schedule
			start := time.Now()
			collect(t, opts)
			if d := time.Since(start); best == 0 || d < best {
				best = d
			}
		}
		return best
	}
	clean, throttled := measure(false), measure(true)
	t.Logf("two regions, best of 3: unthrottled %s, a third throttled %s (%.1f×)", clean.Round(time.Millisecond), throttled.Round(time.Millisecond), float64(throttled)/float64(clean))
	if throttled > 5*clean {
		t.Errorf("throttled collection took %s, more than 5× the unthrottled %s", throttled, clean)
	}
}

// TestThrottleNotes: a run that keeps being throttled says so, at most once
// per interval, after the first few throttles.
func TestThrottleNotes(t *testing.T) {
	var lines []string
	now := time.Unix(0, 0)
	n := &throttleNotes{note: func(s string) { lines = append(lines, s) }, now: func() time.Time { return now }}
	for range 2 {
		n.throttled(time.Second)
	}
	if len(lines) != 0 {
		t.Fatalf("noted after two throttles: %q", lines)
	}
	n.throttled(1500 * time.Millisecond)
	now = now.Add(time.Second)
	n.throttled(time.Second) // within the interval: silent
	now = now.Add(throttleNoteEvery)
	n.throttled(2 * time.Second)
	want := []string{
		"AWS is throttling parity's calls (3 throttled so far); retrying in 1.5s",
		"AWS is throttling parity's calls (5 throttled so far); retrying in 2s",
	}
	if diff := cmp.Diff(want, lines); diff != "" {
		t.Errorf("notes (-want +got):\n%s", diff)
	}
}
