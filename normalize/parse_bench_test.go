package normalize

import (
	"testing"

	"github.com/parity-sec/parity/collectors/snapshot/snapshottest"
)

// BenchmarkParseDocuments parses every policy document of a synthetic
// snapshot, the bulk of normalizing.
func BenchmarkParseDocuments(b *testing.B) {
	s, _ := snapshottest.Generate(2000, 1)
	var docs []string
	for _, p := range s.Identity.Policies {
		docs = append(docs, string(p.Document))
	}
	for _, r := range s.Identity.Roles {
		docs = append(docs, string(r.TrustPolicy))
		for _, p := range r.InlinePolicies {
			docs = append(docs, string(p.Document))
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			if _, err := ParseDocument(d); err != nil {
				b.Fatal(err)
			}
		}
	}
}
