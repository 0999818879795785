package command

import (
	"strings"
	"sync"
	"testing"
)

// lockedBuffer records each Write as one unit, as a pipe or file does.
type lockedBuffer struct {
	mu     sync.Mutex
	writes []string
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.writes = append(b.writes, string(p))
	return len(p), nil
}

func TestPrefixWriterWritesWholeLines(t *testing.T) {
	var out lockedBuffer
	var wg sync.WaitGroup
	for _, env := range []string{"staging", "production"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := prefixWriter{w: &out, prefix: env + ": "}
			for i := 0; i < 200; i++ {
				if n, err := w.Write([]byte("iam global done\n")); err != nil || n != len("iam global done\n") {
					t.Errorf("Write = %d, %v", n, err)
				}
			}
		}()
	}
	wg.Wait()
	for _, line := range out.writes {
		if !(strings.HasPrefix(line, "staging: ") || strings.HasPrefix(line, "production: ")) || !strings.HasSuffix(line, "done\n") {
			t.Fatalf("write is not one prefixed line: %q", line)
		}
	}
	if len(out.writes) != 400 {
		t.Errorf("%d writes, want 400", len(out.writes))
	}
}
