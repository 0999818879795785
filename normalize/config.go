package normalize

// Config holds the pairing settings a team keeps in parity.yaml.
type Config struct {
	// Aliases maps an environment name to extra tokens that mean the same
	// environment in resource names, e.g. "staging": ["stg", "stage"].
	Aliases map[string][]string `yaml:"aliases" json:"aliases,omitempty"`
	// PairingTag is the tag whose value pairs resources without stable
	// names (VPCs, network ACLs). Default "Name".
	PairingTag string `yaml:"pairing_tag" json:"pairing_tag,omitempty"`
}

func (c Config) pairingTag() string {
	if c.PairingTag == "" {
		return "Name"
	}
	return c.PairingTag
}
