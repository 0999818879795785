package snapshottest

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/parity-sec/parity/collectors/snapshot"
)

// WriteFiles generates the pair for (n, seed) and writes it to
// dir/staging.json and dir/production.json. In production's file every
// tenth policy document is written URL-encoded, as the IAM API returns it,
// so loading exercises that path too; it loads back to the same snapshot.
func WriteFiles(dir string, n int, seed int64) (stagingPath, productionPath string, err error) {
	st, pr := Generate(n, seed)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", "", fmt.Errorf("write pair: %w", err)
	}
	stagingPath = filepath.Join(dir, "staging.json")
	productionPath = filepath.Join(dir, "production.json")
	if err := snapshot.WriteFile(stagingPath, st, 0); err != nil {
		return "", "", err
	}
	urlEncodeEvery(pr, 10)
	if err := snapshot.WriteFile(productionPath, pr, 0); err != nil {
		return "", "", err
	}
	return stagingPath, productionPath, nil
}

// urlEncodeEvery replaces every nth non-empty document with its
// URL-encoded text. Document.MarshalJSON writes text that is not JSON as a
// JSON string, and the loader decodes it back. Only for writing: the
// in-memory snapshot is no longer valid afterwards.
func urlEncodeEvery(s *snapshot.Snapshot, nth int) {
	i := 0
	enc := func(d *snapshot.Document) {
		if *d == "" {
			return
		}
		if i%nth == 0 {
			// As IAM does (RFC 3986): spaces as %20, never '+'.
			*d = snapshot.Document(strings.ReplaceAll(url.QueryEscape(string(*d)), "+", "%20"))
		}
		i++
	}
	for k := range s.Identity.Roles {
		r := &s.Identity.Roles[k]
		enc(&r.TrustPolicy)
		for p := range r.InlinePolicies {
			enc(&r.InlinePolicies[p].Document)
		}
	}
	for k := range s.Identity.Users {
		for p := range s.Identity.Users[k].InlinePolicies {
			enc(&s.Identity.Users[k].InlinePolicies[p].Document)
		}
	}
	for k := range s.Identity.Groups {
		for p := range s.Identity.Groups[k].InlinePolicies {
			enc(&s.Identity.Groups[k].InlinePolicies[p].Document)
		}
	}
	for k := range s.Identity.Policies {
		enc(&s.Identity.Policies[k].Document)
	}
	for k := range s.Secrets.Secrets {
		enc(&s.Secrets.Secrets[k].ResourcePolicy)
	}
	for k := range s.Secrets.KMSKeys {
		enc(&s.Secrets.KMSKeys[k].Policy)
	}
}

// LoadPair loads both files concurrently, as `parity diff` does, so the
// benchmarks and cmd/pipeline measure what users wait for.
func LoadPair(stagingPath, productionPath string) (staging, production *snapshot.Snapshot, err error) {
	var prErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		production, prErr = snapshot.Load(productionPath)
	}()
	staging, err = snapshot.Load(stagingPath)
	<-done
	if err != nil {
		return nil, nil, err
	}
	if prErr != nil {
		return nil, nil, prErr
	}
	return staging, production, nil
}
