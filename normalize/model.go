package normalize

import (
	"sort"
	"time"

	"github.com/parity-sec/parity/collectors/snapshot"
)

// Resource kinds.
const (
	KindRole            = "iam_role"
	KindUser            = "iam_user"
	KindGroup           = "iam_group"
	KindPolicy          = "iam_policy"
	KindOIDCProvider    = "iam_oidc_provider"
	KindSAMLProvider    = "iam_saml_provider"
	KindInstanceProfile = "iam_instance_profile"
	KindSecret          = "secret"
	KindParameter       = "ssm_parameter"
	KindKMSKey          = "kms_key"
	KindTrail           = "trail"
	KindLogGroup        = "log_group"
	KindFlowLog         = "flow_log"
	KindVPC             = "vpc"
	KindSecurityGroup   = "security_group"
	KindNetworkACL      = "network_acl"
)

// KindArea maps each kind to its report area.
var KindArea = map[string]string{
	KindRole: snapshot.AreaIdentity, KindUser: snapshot.AreaIdentity, KindGroup: snapshot.AreaIdentity,
	KindPolicy: snapshot.AreaIdentity, KindOIDCProvider: snapshot.AreaIdentity,
	KindSAMLProvider: snapshot.AreaIdentity, KindInstanceProfile: snapshot.AreaIdentity,
	KindSecret: snapshot.AreaSecrets, KindParameter: snapshot.AreaSecrets, KindKMSKey: snapshot.AreaSecrets,
	KindTrail: snapshot.AreaLogging, KindLogGroup: snapshot.AreaLogging, KindFlowLog: snapshot.AreaLogging,
	KindVPC: snapshot.AreaNetwork, KindSecurityGroup: snapshot.AreaNetwork, KindNetworkACL: snapshot.AreaNetwork,
}

// GlobalRegion is the region of IAM resources.
const GlobalRegion = "global"

// Environment is one snapshot in canonical form.
type Environment struct {
	Name        string               `json:"name"`
	AccountID   string               `json:"account_id"`
	Regions     []string             `json:"regions"`
	CollectedAt time.Time            `json:"collected_at"`
	ToolVersion string               `json:"tool_version"`
	Coverage    []snapshot.Coverage  `json:"coverage"`
	Resources   map[string]*Resource `json:"resources"`
	// Ambiguous lists the keys several resources of this environment
	// mapped to, sorted by key (see resolveTwins).
	Ambiguous []Ambiguity `json:"ambiguous,omitempty"`
}

// Resource is one canonical resource; see the package doc for Attrs and Info.
type Resource struct {
	Key    string         `json:"key"`
	Kind   string         `json:"kind"`
	Area   string         `json:"area"`
	Region string         `json:"region"`
	Name   string         `json:"name"`
	Attrs  map[string]any `json:"attrs"`
	Info   map[string]any `json:"info"`
	// TwinOf is set on a copy of the twin made for a losing candidate of
	// an ambiguous key in the other environment (see mirror); it names the
	// key of the original.
	TwinOf string `json:"twin_of,omitempty"`
}

// Keys returns the environment's resource keys in sorted order.
func (e *Environment) Keys() []string {
	keys := make([]string, 0, len(e.Resources))
	for k := range e.Resources {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// PartialAreas lists the areas whose coverage is not complete, sorted.
func (e *Environment) PartialAreas() []string {
	seen := map[string]bool{}
	for _, c := range e.Coverage {
		if c.Status != snapshot.CoverageOK {
			if a, ok := snapshot.ServiceArea[c.Service]; ok {
				seen[a] = true
			}
		}
	}
	out := make([]string, 0, len(seen))
	for a := range seen {
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}
