// Package config reads parity.yaml into typed options before any work
// starts. It validates everything it can without touching AWS, so a typo
// fails in milliseconds with the file, line and field named.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/parity-sec/parity/normalize"
	"github.com/parity-sec/parity/policies"
)

// Config is parity.yaml.
type Config struct {
	Environments Environments        `yaml:"environments"`
	Aliases      map[string][]string `yaml:"aliases"`
	PairingTag   string              `yaml:"pairing_tag"`
	Policies     []string            `yaml:"policies"`
	PolicyParams PolicyParams        `yaml:"policy_params"`
	Waivers      []policies.Waiver   `yaml:"waivers"`
	// WaiverHorizonDays: an expiry further ahead is a waiver problem
	// (default 365). AllowBroadWaivers accepts rule "*" with resource "*".
	WaiverHorizonDays int      `yaml:"waiver_horizon_days"`
	AllowBroadWaivers bool     `yaml:"allow_broad_waivers"`
	Gate              Gate     `yaml:"gate"`
	Reports           []Report `yaml:"reports"`
	History           History  `yaml:"history"`

	// dir is the directory of the file, against which relative paths resolve.
	dir string
}

// Environments names the two sides of a run.
type Environments struct {
	Staging    Environment `yaml:"staging"`
	Production Environment `yaml:"production"`
}

// Environment says how to reach one account.
type Environment struct {
	Name        string   `yaml:"name"` // defaults to the key: staging or production
	Profile     string   `yaml:"profile"`
	RoleARN     string   `yaml:"role_arn"`
	ExternalID  string   `yaml:"external_id"`
	Regions     []string `yaml:"regions"`
	AllRegions  bool     `yaml:"all_regions"`
	EndpointURL string   `yaml:"endpoint_url"`
	FromDir     string   `yaml:"from_dir"` // offline AWS CLI exports instead of live collection
	Snapshot    string   `yaml:"snapshot"` // an existing snapshot file instead of collection
}

// PolicyParams tunes built-in rules.
type PolicyParams struct {
	KeyMaxAgeDays int `yaml:"key_max_age_days"`
	KeyUnusedDays int `yaml:"key_unused_days"`
}

// Gate holds the pre-release gate thresholds.
type Gate struct {
	FailOn       string `yaml:"fail_on"`
	MinScore     int    `yaml:"min_score"`
	AllowPartial bool   `yaml:"allow_partial"`
}

// Report is one extra report file.
type Report struct {
	Format string `yaml:"format"`
	Path   string `yaml:"path"`
}

// History configures the nightly run store.
type History struct {
	Dir  string `yaml:"dir"`
	Keep int    `yaml:"keep"`
}

// Load reads and validates a config file. Errors start with the path.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	c, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	c.dir = filepath.Dir(path)
	return c, nil
}

// Parse decodes and validates config bytes; unknown fields are errors, so
// a misspelt key never silently does nothing.
func Parse(data []byte) (*Config, error) {
	var c Config
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		return nil, oneLine(err)
	}
	// A second document would be ignored silently: waivers or a gate
	// written after a "---" would do nothing.
	var next yaml.Node
	if err := dec.Decode(&next); err == nil {
		return nil, fmt.Errorf("line %d: a second YAML document; parity.yaml holds one (remove the \"---\")", next.Line)
	} else if !errors.Is(err, io.EOF) {
		return nil, oneLine(err)
	}
	// Enum values are case-insensitive, like their flags.
	c.Gate.FailOn = strings.ToLower(strings.TrimSpace(c.Gate.FailOn))
	for i := range c.Reports {
		c.Reports[i].Format = strings.ToLower(strings.TrimSpace(c.Reports[i].Format))
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return &c, nil
}

var goType = regexp.MustCompile(` in type [\w.\[\]*]+`)

var accountRoleARN = regexp.MustCompile(`^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$`)

// Validate checks values that YAML typing cannot.
func (c *Config) Validate() error {
	// A slice, not a map: with two bad sides, the same one is reported
	// on every run.
	for _, se := range []struct {
		side string
		e    Environment
	}{{"staging", c.Environments.Staging}, {"production", c.Environments.Production}} {
		side, e := se.side, se.e
		if e.RoleARN != "" && !accountRoleARN.MatchString(e.RoleARN) {
			return fmt.Errorf("environments.%s.role_arn %q is not an IAM role ARN", side, e.RoleARN)
		}
		if e.ExternalID != "" && e.RoleARN == "" {
			return fmt.Errorf("environments.%s.external_id needs role_arn", side)
		}
		if e.FromDir != "" && e.Snapshot != "" {
			return fmt.Errorf("environments.%s: from_dir and snapshot are exclusive", side)
		}
	}
	if c.Gate.FailOn != "" && policies.SeverityRank(c.Gate.FailOn) == 0 && c.Gate.FailOn != "none" {
		return fmt.Errorf("gate.fail_on %q: want one of %s or none", c.Gate.FailOn, strings.Join(policies.Severities, ", "))
	}
	if c.Gate.MinScore < 0 || c.Gate.MinScore > 100 {
		return fmt.Errorf("gate.min_score %d: want 0 to 100", c.Gate.MinScore)
	}
	if c.History.Keep < 0 {
		return fmt.Errorf("history.keep %d: want 0 (keep all) or more", c.History.Keep)
	}
	for i, r := range c.Reports {
		if r.Format == "" || r.Path == "" {
			return fmt.Errorf("reports[%d]: format and path are both required", i)
		}
	}
	if c.WaiverHorizonDays < 0 {
		return fmt.Errorf("waiver_horizon_days %d: want 1 or more (0 means the default, 365)", c.WaiverHorizonDays)
	}
	if err := policies.ValidateWaivers(c.Waivers); err != nil {
		return err
	}
	return nil
}

// Normalize returns the pairing settings.
func (c *Config) Normalize() normalize.Config {
	return normalize.Config{Aliases: c.Aliases, PairingTag: c.PairingTag}
}

// Path resolves a path from the config file against the file's directory.
func (c *Config) Path(p string) string {
	if p == "" || filepath.IsAbs(p) || c.dir == "" {
		return p
	}
	return filepath.Join(c.dir, p)
}

// EnvName returns the configured environment name or the default.
func (e Environment) EnvName(def string) string {
	if e.Name != "" {
		return e.Name
	}
	return def
}

func oneLine(err error) error {
	msg := strings.ReplaceAll(err.Error(), "\n", "; ")
	msg = strings.TrimPrefix(msg, "yaml: ")
	msg = strings.ReplaceAll(msg, "unmarshal errors:; ", "")
	// yaml names Go types ("field expiry not found in type policies.Waiver");
	// the user wrote YAML, not Go.
	msg = goType.ReplaceAllString(msg, "")
	return errors.New(strings.TrimSpace(msg))
}
