//go:build !unix

package policies

import "time"

// cpuTime is not measured off Unix; the benchmark then reports 0.
func cpuTime() time.Duration { return 0 }
