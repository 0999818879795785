package history

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// benchReport is a report of realistic size: n findings with evidence.
func benchReport(n int) Run {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("f%05d", i)
	}
	r := report(80, ids...)
	for i := range r.Findings {
		r.Findings[i].Message = "role trust policy differs between staging and production"
		r.Findings[i].Staging = map[string]any{"principals": []string{"arn:aws:iam::111111111111:role/deployer"}}
		r.Findings[i].Production = map[string]any{"principals": []string{"arn:aws:iam::222222222222:role/deployer", "*"}}
	}
	return mkRun(t0, r)
}

// BenchmarkList lists 90 nights of history with 300 findings per run, the
// cost `parity run --history` pays before every run (List, then Latest).
func BenchmarkList(b *testing.B) {
	s := Store{Dir: b.TempDir()}
	in := benchReport(300)
	for i := range 90 {
		in.Time = t0.AddDate(0, 0, i)
		if _, err := s.Save(context.Background(), in); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		runs, problems, err := s.List()
		if err != nil || len(runs) != 90 || len(problems) != 0 {
			b.Fatalf("List = %d runs, %v, %v", len(runs), problems, err)
		}
	}
}

// BenchmarkSave saves one run with 300 findings, fsyncs included.
func BenchmarkSave(b *testing.B) {
	s := Store{Dir: b.TempDir()}
	in := benchReport(300)
	i := 0
	for b.Loop() {
		in.Time = t0.Add(time.Duration(i) * time.Second)
		i++
		if _, err := s.Save(context.Background(), in); err != nil {
			b.Fatal(err)
		}
	}
}
