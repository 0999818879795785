package collectors

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
)

// Retrying. The SDK's adaptive mode adds a client-side token bucket that,
// after a throttle, slows every later call of the client, and its backoff
// starts at one second: with a third of requests throttled, collecting a
// small two-region account took 29 s and 99 s instead of 0.35 s. A snapshot
// is one-shot and its calls are few, so parity uses the standard retryer
// with no retry quota (ratelimit.None: a quota would turn retryable errors
// into coverage gaps) and a full-jitter exponential backoff that starts at
// retryBase. Under sustained throttling the waits still grow exponentially
// to the cap (20 s), so parity backs off from a struggling API; under
// occasional throttling it retries promptly.

// retryBase is the first backoff step; attempt i waits a uniformly random
// time in [0, min(retryBase·2^i, cap)).
const retryBase = 50 * time.Millisecond

// defaultMaxBackoff is the SDK's own cap.
const defaultMaxBackoff = 20 * time.Second

// throttleNoteEvery spaces the "still throttled" lines on stderr.
const throttleNoteEvery = 5 * time.Second

// throttleNoteAfter is how many throttled calls pass silently: one or two
// are routine and not worth a line.
const throttleNoteAfter = 3

func newRetryer(maxBackoff time.Duration, notes *throttleNotes) func() aws.Retryer {
	if maxBackoff <= 0 {
		maxBackoff = defaultMaxBackoff
	}
	throttles := retry.IsErrorThrottles(retry.DefaultThrottles)
	backoff := retry.BackoffDelayerFunc(func(attempt int, err error) (time.Duration, error) {
		ceiling := retryBase << min(attempt, 20)
		if ceiling > maxBackoff || ceiling <= 0 {
			ceiling = maxBackoff
		}
		wait := time.Duration(rand.Float64() * float64(ceiling))
		if throttles.IsErrorThrottle(err) == aws.TrueTernary {
			notes.throttled(wait)
		}
		return wait, nil
	})
	return func() aws.Retryer {
		return retry.NewStandard(func(o *retry.StandardOptions) {
			o.MaxAttempts = maxAttempts
			o.MaxBackoff = maxBackoff
			o.RateLimiter = ratelimit.None
			o.Backoff = backoff
		})
	}
}

// throttleNotes tells the person waiting that AWS keeps throttling, at most
// once every throttleNoteEvery, so a slow run never looks like a hung one.
type throttleNotes struct {
	mu    sync.Mutex
	note  func(string) // nil: silent
	count int
	last  time.Time
	now   func() time.Time
}

func newThrottleNotes(p Progress) *throttleNotes {
	n := &throttleNotes{now: time.Now}
	if nt, ok := p.(noter); ok {
		n.note = nt.Note
	}
	return n
}

func (n *throttleNotes) throttled(wait time.Duration) {
	if n == nil {
		return
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	n.count++
	if n.note == nil || n.count < throttleNoteAfter || n.now().Sub(n.last) < throttleNoteEvery {
		return
	}
	n.last = n.now()
	n.note(fmt.Sprintf("AWS is throttling parity's calls (%d throttled so far); retrying in %s", n.count, wait.Round(time.Millisecond)))
}

// noter is implemented by progress displays that can show a one-line note.
type noter interface{ Note(msg string) }

var (
	_ noter = (*lineProgress)(nil)
	_ noter = (*terminalProgress)(nil)
)

// Note implements noter.
func (p *lineProgress) Note(msg string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintln(p.w, msg)
}

// Note implements noter: clear the status line, print, redraw.
func (p *terminalProgress) Note(msg string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.w, "\r\033[K%s\n", msg)
	p.redraw()
}
