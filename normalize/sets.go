package normalize

import (
	"sort"
	"strconv"
)

// stringSet returns the sorted distinct strings as a canonical set value.
func stringSet(in []string) []any {
	if len(in) == 0 {
		return []any{}
	}
	cp := append([]string(nil), in...)
	sort.Strings(cp)
	out := make([]any, 0, len(cp))
	for i, s := range cp {
		if i > 0 && s == cp[i-1] {
			continue
		}
		out = append(out, s)
	}
	return out
}

// uniqueKeys hands out resource keys, suffixing "#2", "#3" when two
// resources of one environment canonicalize to the same key, so neither is
// silently lost. Callers feed resources in a stable order.
type uniqueKeys map[string]int

func (u uniqueKeys) take(key string) string {
	u[key]++
	if n := u[key]; n > 1 {
		return key + "#" + strconv.Itoa(n)
	}
	return key
}
