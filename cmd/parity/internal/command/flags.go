package command

import (
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/parity-sec/parity/collectors/atomicfile"
	"github.com/parity-sec/parity/collectors/snapshot"
	"github.com/parity-sec/parity/policies"
	"github.com/parity-sec/parity/reports"
	"github.com/parity-sec/parity/reports/run"
)

// evalFlags are shared by diff and run: policies, gate, reports, history.
func evalFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "config", Aliases: []string{"c"}, Usage: "`FILE`: parity.yaml with aliases, waivers, policy dirs, gate and reports (see docs/parity.example.yaml)"},
		&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "table", Usage: "output `FORMAT`: " + strings.Join(reports.Formats, ", ")},
		&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the --format output to `FILE` (atomically) instead of stdout"},
		&cli.StringSliceFlag{Name: "report", Usage: "also write `FORMAT=PATH`, e.g. sarif=parity.sarif (repeatable)"},
		&cli.StringSliceFlag{Name: "policy", Usage: "add the Rego modules in `DIR` to the built-in rules (repeatable)"},
		&cli.StringFlag{Name: "fail-on", Usage: "fail the gate (exit 1) on an unwaived finding at or above `SEVERITY`: " + strings.Join(policies.Severities, ", ") + " or none (default: " + run.DefaultFailOn + ")"},
		&cli.IntFlag{Name: "min-score", Usage: "fail the gate when the overall parity score is below `N` (0-100)"},
		&cli.BoolFlag{Name: "allow-partial", Usage: "exit by the gate even when coverage has gaps (default: exit 2 on partial coverage)"},
		&cli.StringFlag{Name: "history", Usage: "keep this run in `DIR` and report what is new, resolved and persisting since the previous run"},
		&cli.IntFlag{Name: "keep", Usage: "with --history, keep only the newest `N` runs (0 keeps all)"},
		&cli.BoolFlag{Name: "changes", Aliases: []string{"v"}, Usage: "list every change in the table (default: counts per area)"},
		&cli.BoolFlag{Name: "no-color", Usage: "never colour the table (colour is used only on a terminal, and never when NO_COLOR is set)"},
		&cli.BoolFlag{Name: "allow-broad-waivers", Usage: "accept a waiver whose rule and resource are both \"*\" (default: exit 2); it is still listed in every report"},
		&cli.Int64Flag{Name: "max-snapshot-size", Value: snapshot.MaxFileSize, Usage: "refuse a snapshot file larger than `BYTES` (the read itself is bounded, so devices and FIFOs are safe)"},
		&cli.DurationFlag{Name: "policy-timeout", Value: policies.DefaultTimeout, Usage: "fail (exit 2) when policy evaluation takes longer than `DURATION`, naming the rule"},
		&cli.IntFlag{Name: "waiver-horizon", Usage: "report a waiver expiring more than `DAYS` ahead as a waiver problem (default 365, or waiver_horizon_days in parity.yaml)"},
		fileModeFlag(),
	}
}

// fileModeFlag is shared by every command that writes files.
func fileModeFlag() cli.Flag {
	return &cli.StringFlag{Name: "file-mode", Usage: "octal `MODE` of the snapshot, report and history files written (default: 0600, owner only)"}
}

// evalOptions is evalFlags parsed and checked before any work starts.
type evalOptions struct {
	ConfigPath   string
	Format       string
	Output       string
	Reports      []reportTarget
	PolicyDirs   []string
	FailOn       string
	MinScore     int
	AllowPartial bool
	HistoryDir   string
	Keep         int
	NoColor      bool
	Changes      bool
	Timeout      time.Duration // run only: the collection limit
	// explainID, set by parity explain, prints that finding in full
	// instead of writing reports, history or a gate verdict.
	explainID string
	FileMode  fs.FileMode
	Now       time.Time
	// set names the flags given on the command line; a flag overrides its
	// parity.yaml twin when given, whatever its value (see resolve).
	set map[string]bool

	AllowBroadWaivers bool
	WaiverHorizonDays int
	MaxSnapshotSize   int64
	PolicyTimeout     time.Duration
}

type reportTarget struct{ Format, Path string }

func parseEvalFlags(c *cli.Context) (evalOptions, error) {
	o := evalOptions{
		ConfigPath: c.String("config"), Format: c.String("format"), Output: c.String("output"),
		PolicyDirs: c.StringSlice("policy"), FailOn: c.String("fail-on"), MinScore: c.Int("min-score"),
		AllowPartial: c.Bool("allow-partial"), HistoryDir: c.String("history"), Keep: c.Int("keep"),
		NoColor: c.Bool("no-color"), Changes: c.Bool("changes"), set: map[string]bool{},
		AllowBroadWaivers: c.Bool("allow-broad-waivers"), WaiverHorizonDays: c.Int("waiver-horizon"),
		MaxSnapshotSize: c.Int64("max-snapshot-size"), PolicyTimeout: c.Duration("policy-timeout"),
	}
	for _, name := range c.FlagNames() {
		if c.IsSet(name) {
			o.set[name] = true
		}
	}
	// Enum values are case-insensitive: --fail-on HIGH, --format JSON.
	o.Format = strings.ToLower(strings.TrimSpace(o.Format))
	o.FailOn = strings.ToLower(strings.TrimSpace(o.FailOn))
	if !slices.Contains(reports.Formats, o.Format) {
		return o, usageError("--format %q: want one of %s", o.Format, strings.Join(reports.Formats, ", "))
	}
	for _, r := range c.StringSlice("report") {
		f, p, ok := strings.Cut(r, "=")
		f = strings.ToLower(strings.TrimSpace(f))
		if !ok || p == "" || !slices.Contains(reports.Formats, f) {
			return o, usageError("--report %q: want FORMAT=PATH with FORMAT one of %s", r, strings.Join(reports.Formats, ", "))
		}
		o.Reports = append(o.Reports, reportTarget{Format: f, Path: p})
	}
	if o.FailOn != "" && o.FailOn != "none" && policies.SeverityRank(o.FailOn) == 0 {
		return o, usageError("--fail-on %q: want one of %s or none", o.FailOn, strings.Join(policies.Severities, ", "))
	}
	if o.MinScore < 0 || o.MinScore > 100 {
		return o, usageError("--min-score %d: want 0 to 100", o.MinScore)
	}
	if o.MaxSnapshotSize < 1 {
		return o, usageError("--max-snapshot-size %d: want 1 or more bytes", o.MaxSnapshotSize)
	}
	if o.PolicyTimeout <= 0 {
		return o, usageError("--policy-timeout %s: want a positive duration, e.g. 60s", o.PolicyTimeout)
	}
	if c.IsSet("waiver-horizon") && o.WaiverHorizonDays < 1 {
		return o, usageError("--waiver-horizon %d: want 1 or more days", o.WaiverHorizonDays)
	}
	if o.Keep < 0 {
		return o, usageError("--keep %d: want 0 (keep all) or more", o.Keep)
	}
	mode, err := parseFileMode(c)
	if err != nil {
		return o, err
	}
	o.FileMode = mode
	now, err := reportTime()
	if err != nil {
		return o, err
	}
	o.Now = now
	return o, nil
}

// parseFileMode reads --file-mode; absent means atomicfile.DefaultMode.
func parseFileMode(c *cli.Context) (fs.FileMode, error) {
	if !c.IsSet("file-mode") {
		return atomicfile.DefaultMode, nil
	}
	m, err := atomicfile.ParseMode(c.String("file-mode"))
	if err != nil {
		return 0, usageError("--file-mode %v", err)
	}
	return m, nil
}

// reportTime is now, or SOURCE_DATE_EPOCH when set, so reproducible
// builds and golden tests get the same bytes.
func reportTime() (time.Time, error) {
	v := os.Getenv("SOURCE_DATE_EPOCH")
	if v == "" {
		return time.Now().UTC().Truncate(time.Second), nil
	}
	secs, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return time.Time{}, usageError("SOURCE_DATE_EPOCH %q: want seconds since 1970", v)
	}
	return time.Unix(secs, 0).UTC(), nil
}
