package diff

import (
	"encoding/json"
	"sort"

	"github.com/parity-sec/parity/collectors/snapshot"
)

var areaOrder = func() map[string]int {
	m := map[string]int{}
	for i, a := range snapshot.Areas {
		m[a] = i
	}
	return m
}()

var actionOrder = map[Action]int{OnlyStaging: 0, OnlyProduction: 1, Changed: 2}

// Sort puts changes in report order: area, resource, path, action, value.
// Reports rely on it for byte-identical output.
func Sort(cs []Change) {
	sort.SliceStable(cs, func(i, j int) bool {
		a, b := &cs[i], &cs[j]
		if a.Area != b.Area {
			return areaOrder[a.Area] < areaOrder[b.Area]
		}
		if a.Resource != b.Resource {
			return a.Resource < b.Resource
		}
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Action != b.Action {
			return actionOrder[a.Action] < actionOrder[b.Action]
		}
		return valueKey(a) < valueKey(b)
	})
}

func valueKey(c *Change) string {
	b, _ := json.Marshal([2]any{c.Staging, c.Production})
	return string(b)
}
