package collectors

import (
	"sort"
	"strings"
	"time"
)

// sortedCopy returns a sorted copy of s, or nil for an empty s, so absent
// and empty lists encode the same way.
func sortedCopy(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}

// arnName returns the part of an ARN after the last slash.
func arnName(arn string) string {
	return arn[strings.LastIndex(arn, "/")+1:]
}

func timeBefore(a, b *time.Time) bool {
	switch {
	case a == nil:
		return b != nil
	case b == nil:
		return false
	}
	return a.Before(*b)
}
