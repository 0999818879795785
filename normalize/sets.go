package normalize

import "sort"

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
