package iameval

import (
	"compress/gzip"
	"encoding/json"
	"os"
	"strconv"
	"testing"

	"github.com/parity-sec/parity/normalize/iamcatalog"
)

// testdata/bench.json.gz holds what normalize, diff and the path tracer
// ask of this package on the synthetic 10k pair (gen -n 10000 -seed 1):
// every 8th policy normalize compiles, the 147 identity pairs diff
// compares, the scoped trust/key comparisons, the admin tests and every
// 50th Decide of the tracer. Policy ids index "policies"; -1 is nil.
type benchData struct {
	Policies    map[string][]Statement `json:"policies"`
	Compile     []int                  `json:"compile"`
	Differences [][4]int               `json:"differences"`
	Compare     []struct {
		Scope string `json:"scope"`
		P     [4]int `json:"p"`
	} `json:"compare"`
	Admin  [][2]int `json:"admin"`
	Decide []struct {
		P int     `json:"p"`
		R Request `json:"r"`
	} `json:"decide"`
}

type benchCatalog struct{}

func (benchCatalog) Services() []string        { return iamcatalog.Services() }
func (benchCatalog) Actions(p string) []string { return iamcatalog.Actions(p) }

func loadBench(tb testing.TB) (*benchData, func(int) *Policy) {
	tb.Helper()
	f, err := os.Open("testdata/bench.json.gz")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatal(err)
	}
	var d benchData
	if err := json.NewDecoder(zr).Decode(&d); err != nil {
		tb.Fatal(err)
	}
	compiled := map[int]*Policy{}
	pol := func(id int) *Policy {
		if id < 0 {
			return nil
		}
		p, ok := compiled[id]
		if !ok {
			p = CompileWith(d.Policies[strconv.Itoa(id)], benchCatalog{})
			compiled[id] = p
		}
		return p
	}
	return &d, pol
}

func BenchmarkCompile(b *testing.B) {
	d, _ := loadBench(b)
	universeOf(benchCatalog{})
	b.ReportAllocs()
	for b.Loop() {
		for _, id := range d.Compile {
			CompileWith(d.Policies[strconv.Itoa(id)], benchCatalog{})
		}
	}
}

func BenchmarkDecide(b *testing.B) {
	d, pol := loadBench(b)
	ps := make([]*Policy, len(d.Decide))
	for i, q := range d.Decide {
		ps[i] = pol(q.P)
	}
	b.ReportAllocs()
	for b.Loop() {
		for i, q := range d.Decide {
			ps[i].Decide(q.R)
		}
	}
}

func BenchmarkDifferences(b *testing.B) {
	d, pol := loadBench(b)
	for _, p := range d.Differences {
		for _, id := range p {
			pol(id)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range d.Differences {
			Differences(Identity{pol(p[0]), pol(p[1])}, Identity{pol(p[2]), pol(p[3])}, 0)
		}
	}
}

func BenchmarkCompareIdentity(b *testing.B) {
	d, pol := loadBench(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range d.Differences {
			CompareIdentity(Identity{pol(p[0]), pol(p[1])}, Identity{pol(p[2]), pol(p[3])})
		}
	}
}

func BenchmarkComparePolicy(b *testing.B) {
	d, pol := loadBench(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, c := range d.Compare {
			ComparePolicyIn(pol(c.P[0]), pol(c.P[2]), Scope{Services: []string{c.Scope}})
		}
		for _, a := range d.Admin {
			AdminEquivalent(Identity{pol(a[0]), pol(a[1])})
		}
	}
}

// BenchmarkGradeDeltas: grading the deltas of the recorded pairs, as diff
// does for each identity.
func BenchmarkGradeDeltas(b *testing.B) {
	d, pol := loadBench(b)
	var all [][]Delta
	for _, p := range d.Differences {
		l, r := Differences(Identity{pol(p[0]), pol(p[1])}, Identity{pol(p[2]), pol(p[3])}, 0)
		all = append(all, l, r)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, ds := range all {
			for i := range ds {
				GradeDeltas(ds[i : i+1])
			}
		}
	}
}
