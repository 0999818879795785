package mototest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// Fault is an error answer the proxy sends instead of forwarding a request.
type Fault struct {
	Status int    // HTTP status, e.g. 400
	Code   string // AWS error code, e.g. ThrottlingException
}

// Injector decides, for the n-th request (from 1) to service, whether to
// answer with a fault; nil forwards the request.
type Injector func(n int, service string) *Fault

// Proxy is a reverse proxy in front of a moto server that can answer some
// requests with AWS-shaped errors, and counts requests per service.
type Proxy struct {
	URL string

	mu     sync.Mutex
	n      int
	counts map[string]int
	faults int
}

// StartProxy proxies to target until t ends.
func StartProxy(t testing.TB, target string, inject Injector) *Proxy {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatalf("proxy target: %v", err)
	}
	p := &Proxy{counts: map[string]int{}}
	rp := httputil.NewSingleHostReverseProxy(u)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		service := ServiceOf(r)
		p.mu.Lock()
		p.n++
		n := p.n
		p.counts[service]++
		var f *Fault
		if inject != nil {
			f = inject(n, service)
		}
		if f != nil {
			p.faults++
		}
		p.mu.Unlock()
		if f != nil {
			writeFault(w, r, service, *f)
			return
		}
		rp.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	p.URL = srv.URL
	return p
}

// Counts returns the number of requests per service so far, and the number
// answered with a fault.
func (p *Proxy) Counts() (perService map[string]int, faults int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make(map[string]int, len(p.counts))
	for k, v := range p.counts {
		out[k] = v
	}
	return out, p.faults
}

var credentialScope = regexp.MustCompile(`Credential=[^/]+/[0-9]+/[^/]+/([^/]+)/aws4_request`)

// ServiceOf reads the signing name (iam, kms, ec2…) from a SigV4 request.
func ServiceOf(r *http.Request) string {
	if m := credentialScope.FindStringSubmatch(r.Header.Get("Authorization")); m != nil {
		return m[1]
	}
	return "unsigned"
}

// writeFault answers in the error format of the request's protocol, so the
// SDK parses the code exactly as it would from AWS.
func writeFault(w http.ResponseWriter, r *http.Request, service string, f Fault) {
	msg := "injected by the parity test proxy"
	switch {
	case strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-amz-json"):
		w.Header().Set("Content-Type", r.Header.Get("Content-Type"))
		w.Header().Set("X-Amzn-ErrorType", f.Code)
		w.WriteHeader(f.Status)
		fmt.Fprintf(w, `{"__type":%q,"message":%q}`, f.Code, msg)
	case service == "ec2":
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(f.Status)
		fmt.Fprintf(w, `<Response><Errors><Error><Code>%s</Code><Message>%s</Message></Error></Errors><RequestID>proxy</RequestID></Response>`, f.Code, msg)
	case service == "s3": // restxml
		w.Header().Set("Content-Type", "application/xml")
		w.WriteHeader(f.Status)
		fmt.Fprintf(w, `<Error><Code>%s</Code><Message>%s</Message><RequestId>proxy</RequestId></Error>`, f.Code, msg)
	default: // awsquery: IAM, STS
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(f.Status)
		fmt.Fprintf(w, `<ErrorResponse><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error><RequestId>proxy</RequestId></ErrorResponse>`, f.Code, msg)
	}
}
