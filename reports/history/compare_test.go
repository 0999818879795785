package history

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/parity-sec/parity/reports/run"
)

func TestCompare(t *testing.T) {
	day := func(d int) time.Time { return t0.AddDate(0, 0, d) }
	info := func(name string, at time.Time, score, unwaived int) RunInfo {
		return RunInfo{Name: name, Time: at, Overall: score, HasScore: true, Findings: unwaived + 1, Unwaived: unwaived}
	}
	cur := func(score int, ids ...string) *run.Report {
		r := report(score, ids...)
		r.GeneratedAt = day(3)
		return r
	}
	fs := func(ids ...string) []run.Finding {
		out := []run.Finding{}
		for _, id := range ids {
			out = append(out, finding(id))
		}
		return out
	}
	tests := []struct {
		name     string
		prev     *run.Report
		prevInfo RunInfo
		cur      *run.Report
		trend    []RunInfo
		want     run.History
	}{
		{
			name: "first run has nothing new",
			cur:  cur(80, "a", "b"),
			want: run.History{New: []string{}, Resolved: fs(), Persisting: []string{}, Trend: []run.TrendPoint{
				{Run: CurrentRun, Time: day(3), Overall: 80, Findings: 2},
			}},
		},
		{
			name:     "new resolved persisting sorted by id",
			prev:     report(70, "d", "b", "a", "z"),
			prevInfo: info("20261125T021500Z", day(2), 70, 4),
			cur:      cur(75, "c", "a", "e", "b"),
			trend:    []RunInfo{info("20261125T021500Z", day(2), 70, 4)},
			want: run.History{
				PreviousRun: "20261125T021500Z",
				New:         []string{"c", "e"},
				Resolved:    fs("d", "z"),
				Persisting:  []string{"a", "b"},
				Trend: []run.TrendPoint{
					{Run: "20261125T021500Z", Time: day(2), Overall: 70, Findings: 4},
					{Run: CurrentRun, Time: day(3), Overall: 75, Findings: 4},
				},
			},
		},
		{
			name:     "waiving is not fixing",
			prev:     report(70, "a", "b!", "c!"),
			prevInfo: info("20261125T021500Z", day(2), 70, 1),
			cur:      cur(90, "a!", "c", "d!"),
			want: run.History{
				PreviousRun: "20261125T021500Z",
				New:         []string{"d"},
				Resolved:    fs("b!"),
				Persisting:  []string{"a", "c"},
				Trend:       []run.TrendPoint{{Run: CurrentRun, Time: day(3), Overall: 90, Findings: 1}},
			},
		},
		{
			name:     "duplicate and empty ids",
			prev:     report(70, "a", "a", "b", "b"),
			prevInfo: info("20261125T021500Z", day(2), 70, 4),
			cur:      cur(70, "", "a", "a", "c", "c"),
			want: run.History{
				PreviousRun: "20261125T021500Z",
				New:         []string{"c"},
				Resolved:    fs("b"),
				Persisting:  []string{"a"},
				Trend:       []run.TrendPoint{{Run: CurrentRun, Time: day(3), Overall: 70, Findings: 5}},
			},
		},
		{
			name:     "trend oldest first, unscored runs left out",
			prev:     report(50),
			prevInfo: info("20261125T021500Z-001", day(2), 50, 0),
			cur:      cur(60),
			trend: []RunInfo{
				info("20261125T021500Z-001", day(2), 50, 0),
				info("20261123T021500Z", day(0), 10, 9),
				{Name: "20261124T021500Z", Time: day(1), Findings: 3, Unwaived: 3},
				info("20261125T021500Z", day(2), 40, 2),
			},
			want: run.History{
				PreviousRun: "20261125T021500Z-001",
				New:         []string{},
				Resolved:    fs(),
				Persisting:  []string{},
				Trend: []run.TrendPoint{
					{Run: "20261123T021500Z", Time: day(0), Overall: 10, Findings: 9},
					{Run: "20261125T021500Z", Time: day(2), Overall: 40, Findings: 2},
					{Run: "20261125T021500Z-001", Time: day(2), Overall: 50, Findings: 0},
					{Run: CurrentRun, Time: day(3), Overall: 60, Findings: 0},
				},
			},
		},
		{
			name:     "current without score is not a trend point",
			prev:     report(50, "a"),
			prevInfo: info("20261125T021500Z", day(2), 50, 1),
			cur:      cur(-1, "a"),
			trend:    []RunInfo{info("20261125T021500Z", day(2), 50, 1)},
			want: run.History{
				PreviousRun: "20261125T021500Z",
				New:         []string{},
				Resolved:    fs(),
				Persisting:  []string{"a"},
				Trend:       []run.TrendPoint{{Run: "20261125T021500Z", Time: day(2), Overall: 50, Findings: 1}},
			},
		},
		{
			name:     "nil current resolves everything",
			prev:     report(50, "b", "a"),
			prevInfo: info("20261125T021500Z", day(2), 50, 2),
			want: run.History{
				PreviousRun: "20261125T021500Z",
				New:         []string{},
				Resolved:    fs("a", "b"),
				Persisting:  []string{},
				Trend:       []run.TrendPoint{},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Compare(tt.prev, tt.prevInfo, tt.cur, tt.trend)
			if d := cmp.Diff(tt.want, *got); d != "" {
				t.Errorf("history (-want +got):\n%s", d)
			}
		})
	}
}

// Compare must not reorder the caller's slice.
func TestCompareLeavesTrendInputAlone(t *testing.T) {
	trend := []RunInfo{{Name: "20261125T021500Z", HasScore: true}, {Name: "20261123T021500Z", HasScore: true}}
	Compare(nil, RunInfo{}, report(1), trend)
	if trend[0].Name != "20261125T021500Z" {
		t.Errorf("Compare sorted its input: %v", trend)
	}
}
