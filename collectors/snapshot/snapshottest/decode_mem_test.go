package snapshottest

import (
	"os"
	"runtime"
	"runtime/metrics"
	"testing"
	"time"

	"github.com/parity-sec/parity/collectors/snapshot"
)

// BenchmarkDecodeMemory reports the peak heap of snapshot.Load as a
// multiple of the file size (the README's Performance section quotes it):
//
//	go test ./collectors/snapshot/snapshottest -run '^$' -bench DecodeMemory -benchtime 1x
//
// The peak is sampled from runtime/metrics every millisecond while Load
// runs, after a GC, so it counts the read buffer, the decoder's garbage
// and the decoded snapshot together.
func BenchmarkDecodeMemory(b *testing.B) {
	dir := b.TempDir()
	st, _, err := WriteFiles(dir, 50000, 1)
	if err != nil {
		b.Fatal(err)
	}
	info, err := os.Stat(st)
	if err != nil {
		b.Fatal(err)
	}
	size := float64(info.Size())
	var peak uint64
	for b.Loop() {
		runtime.GC()
		base := heapBytes()
		stop := make(chan struct{})
		done := make(chan uint64)
		go func() {
			var max uint64
			t := time.NewTicker(time.Millisecond)
			defer t.Stop()
			for {
				if h := heapBytes(); h > max {
					max = h
				}
				select {
				case <-stop:
					done <- max
					return
				case <-t.C:
				}
			}
		}()
		s, err := snapshot.Load(st)
		if err != nil {
			b.Fatal(err)
		}
		close(stop)
		peak = <-done - base
		runtime.KeepAlive(s)
	}
	b.ReportMetric(size/(1<<20), "file-MiB")
	b.ReportMetric(float64(peak)/size, "peak-heap/file-size")
}

func heapBytes() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/unused:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64() + s[1].Value.Uint64()
}
