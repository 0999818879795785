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
// Reports rely on it for byte-identical output. The value key is JSON, so
// it is computed once per change, not in every comparison: a resource can
// differ by thousands of set elements that tie on everything else.
func Sort(cs []Change) {
	type keyed struct {
		c Change
		v string
	}
	ks := make([]keyed, len(cs))
	for i := range cs {
		ks[i] = keyed{cs[i], valueKey(&cs[i])}
	}
	sort.SliceStable(ks, func(i, j int) bool {
		a, b := &ks[i].c, &ks[j].c
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
		return ks[i].v < ks[j].v
	})
	for i := range ks {
		cs[i] = ks[i].c
	}
}

func valueKey(c *Change) string {
	b, _ := json.Marshal([2]any{c.Staging, c.Production})
	return string(b)
}
