package command

import (
	"io/fs"
	"path/filepath"

	"github.com/parity-sec/parity/cmd/parity/internal/config"
	"github.com/parity-sec/parity/policies"
	"github.com/parity-sec/parity/reports/run"
)

// settings is what one diff or run does: parity.yaml with every flag the
// user gave laid over it. It is built in one place, resolve, so no other
// code reads a flag that has a config twin.
type settings struct {
	Gate       run.GateOptions
	HistoryDir string
	Keep       int
	PolicyDirs []string       // --policy dirs, then the config's
	Reports    []reportTarget // --report targets, then the config's
	FileMode   fs.FileMode
	// WaiverRules: allow_broad_waivers and waiver_horizon_days, or
	// --allow-broad-waivers and --waiver-horizon.
	WaiverRules policies.WaiverRules
}

// resolve lays the flags over the config by presence, not by value: a
// flag the user gave wins even when it is the zero value (--min-score 0
// lowers a configured minimum, --allow-partial=false turns the config's
// allow_partial off), and a flag not given leaves its twin alone (--history
// keeps the configured history.keep). List flags add to the config's lists.
func resolve(cfg *config.Config, o evalOptions) (settings, error) {
	s := settings{
		Gate:        run.GateOptions{FailOn: cfg.Gate.FailOn, MinScore: cfg.Gate.MinScore, AllowPartial: cfg.Gate.AllowPartial},
		HistoryDir:  cfg.Path(cfg.History.Dir),
		Keep:        cfg.History.Keep,
		FileMode:    o.FileMode,
		WaiverRules: policies.WaiverRules{AllowBroad: cfg.AllowBroadWaivers, HorizonDays: cfg.WaiverHorizonDays},
	}
	if o.set["allow-broad-waivers"] {
		s.WaiverRules.AllowBroad = o.AllowBroadWaivers
	}
	if o.set["waiver-horizon"] {
		if o.WaiverHorizonDays < 1 {
			return s, usageError("--waiver-horizon %d: want 1 or more days", o.WaiverHorizonDays)
		}
		s.WaiverRules.HorizonDays = o.WaiverHorizonDays
	}
	if o.set["fail-on"] {
		s.Gate.FailOn = o.FailOn
	}
	if o.set["min-score"] {
		s.Gate.MinScore = o.MinScore
	}
	if o.set["allow-partial"] {
		s.Gate.AllowPartial = o.AllowPartial
	}
	if o.set["history"] {
		s.HistoryDir = o.HistoryDir
	}
	if o.set["keep"] {
		if s.HistoryDir == "" {
			return s, usageError("--keep needs --history DIR (or history.dir in the config)")
		}
		s.Keep = o.Keep
	}
	s.PolicyDirs = append(s.PolicyDirs, o.PolicyDirs...)
	for _, d := range cfg.Policies {
		s.PolicyDirs = append(s.PolicyDirs, cfg.Path(d))
	}
	s.Reports = append(s.Reports, o.Reports...)
	for _, r := range cfg.Reports {
		s.Reports = append(s.Reports, reportTarget{Format: r.Format, Path: cfg.Path(r.Path)})
	}
	if err := distinctOutputs(o.Output, s.Reports); err != nil {
		return s, err
	}
	return s, nil
}

// distinctOutputs refuses two outputs to one file: the second write would
// silently replace the first (-o X --report sarif=X kept only the SARIF).
func distinctOutputs(output string, reports []reportTarget) error {
	type named struct{ flag, path string }
	var outs []named
	if output != "" {
		outs = append(outs, named{"-o " + output, output})
	}
	for _, r := range reports {
		outs = append(outs, named{"--report " + r.Format + "=" + r.Path, r.Path})
	}
	seen := map[string]string{}
	for _, o := range outs {
		key, err := filepath.Abs(o.path)
		if err != nil {
			key = filepath.Clean(o.path)
		}
		if first, ok := seen[key]; ok {
			return usageError("%s and %s write the same file %s; give each output its own path", first, o.flag, o.path)
		}
		seen[key] = o.flag
	}
	return nil
}
