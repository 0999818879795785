// Package snapshot defines parity's snapshot file: what one environment looked
// like at collection time, in the terms that decide access. It is the format
// users keep, share and diff, so every field is versioned by SchemaVersion.
//
// A snapshot must never hold a secret value: there is deliberately no field
// that could carry one (no secret string, no parameter value, no key material).
package snapshot

import "time"

// SchemaVersion is the version of the snapshot format this build reads and
// writes. A loader refuses any other version rather than guess at its meaning.
const SchemaVersion = 1

// Snapshot is one environment's access-relevant state.
type Snapshot struct {
	SchemaVersion int        `json:"schema_version"`
	Environment   string     `json:"environment"`
	AccountID     string     `json:"account_id"`
	Regions       []string   `json:"regions"`
	CollectedAt   time.Time  `json:"collected_at"`
	ToolVersion   string     `json:"tool_version"`
	Coverage      []Coverage `json:"coverage"`
	Identity      Identity   `json:"identity"`
	Secrets       Secrets    `json:"secrets"`
	Logging       Logging    `json:"logging"`
	Network       Network    `json:"network"`
}

// Coverage states, per service and region, whether collection saw everything.
// A gap is recorded, never silently treated as "nothing there".
type Coverage struct {
	Service string `json:"service"`           // iam, secretsmanager, ssm, kms, cloudtrail, logs, ec2, s3
	Region  string `json:"region"`            // "global" for IAM
	Status  string `json:"status"`            // ok, denied, error, missing
	Message string `json:"message,omitempty"` // the error as AWS or the reader reported it
}

// Coverage statuses.
const (
	CoverageOK      = "ok"
	CoverageDenied  = "denied"
	CoverageError   = "error"
	CoverageMissing = "missing" // offline export lacked the file for this service
)

// Areas group resource kinds in every report.
const (
	AreaIdentity = "identity"
	AreaSecrets  = "secrets"
	AreaLogging  = "logging"
	AreaNetwork  = "network"
)

// Areas lists the four areas in report order.
var Areas = []string{AreaIdentity, AreaSecrets, AreaLogging, AreaNetwork}

// ServiceArea maps a coverage service to the area it feeds, so a gap in a
// service marks its area as partially seen.
var ServiceArea = map[string]string{
	"iam":            AreaIdentity,
	"secretsmanager": AreaSecrets,
	"ssm":            AreaSecrets,
	"kms":            AreaSecrets,
	"cloudtrail":     AreaLogging,
	"logs":           AreaLogging,
	"s3":             AreaLogging, // bucket ownership and policies of log sinks
	"ec2":            AreaNetwork, // flow logs also come from ec2; see README limitations
}
