package snapshot

import "time"

// Identity holds IAM principals and the policies attached to them.
type Identity struct {
	Roles            []Role            `json:"roles"`
	Users            []User            `json:"users"`
	Groups           []Group           `json:"groups"`
	Policies         []ManagedPolicy   `json:"policies"`
	OIDCProviders    []OIDCProvider    `json:"oidc_providers"`
	SAMLProviders    []SAMLProvider    `json:"saml_providers"`
	InstanceProfiles []InstanceProfile `json:"instance_profiles"`
}

// InlinePolicy is a policy embedded in one principal.
type InlinePolicy struct {
	Name     string   `json:"name"`
	Document Document `json:"document"`
}

// Role is an IAM role. AttachedPolicies and PermissionsBoundary hold policy
// ARNs whose documents are in Identity.Policies.
type Role struct {
	Name                string            `json:"name"`
	ARN                 string            `json:"arn"`
	Path                string            `json:"path,omitempty"`
	CreatedAt           *time.Time        `json:"created_at,omitempty"`
	TrustPolicy         Document          `json:"trust_policy"`
	InlinePolicies      []InlinePolicy    `json:"inline_policies,omitempty"`
	AttachedPolicies    []string          `json:"attached_policies,omitempty"`
	PermissionsBoundary string            `json:"permissions_boundary,omitempty"`
	MaxSessionDuration  int               `json:"max_session_duration,omitempty"` // seconds
	Tags                map[string]string `json:"tags,omitempty"`
	LastUsed            *time.Time        `json:"last_used,omitempty"`
	LastUsedRegion      string            `json:"last_used_region,omitempty"`
}

// User is an IAM user with the metadata of its access keys.
type User struct {
	Name                string            `json:"name"`
	ARN                 string            `json:"arn"`
	Path                string            `json:"path,omitempty"`
	CreatedAt           *time.Time        `json:"created_at,omitempty"`
	InlinePolicies      []InlinePolicy    `json:"inline_policies,omitempty"`
	AttachedPolicies    []string          `json:"attached_policies,omitempty"`
	Groups              []string          `json:"groups,omitempty"`
	PermissionsBoundary string            `json:"permissions_boundary,omitempty"`
	Tags                map[string]string `json:"tags,omitempty"`
	PasswordLastUsed    *time.Time        `json:"password_last_used,omitempty"`
	AccessKeys          []AccessKey       `json:"access_keys,omitempty"`
}

// AccessKey is access-key metadata. Only the last four characters of the key
// id are kept; the secret access key is never available to parity.
type AccessKey struct {
	IDSuffix        string     `json:"id_suffix"`
	Status          string     `json:"status"` // Active or Inactive
	CreatedAt       *time.Time `json:"created_at,omitempty"`
	LastUsed        *time.Time `json:"last_used,omitempty"`
	LastUsedService string     `json:"last_used_service,omitempty"`
}

// Group is an IAM group.
type Group struct {
	Name             string         `json:"name"`
	ARN              string         `json:"arn"`
	Path             string         `json:"path,omitempty"`
	InlinePolicies   []InlinePolicy `json:"inline_policies,omitempty"`
	AttachedPolicies []string       `json:"attached_policies,omitempty"`
}

// ManagedPolicy is a customer managed policy, or an AWS managed policy that
// is attached to something in the account.
type ManagedPolicy struct {
	Name            string   `json:"name"`
	ARN             string   `json:"arn"`
	Path            string   `json:"path,omitempty"`
	AWSManaged      bool     `json:"aws_managed,omitempty"`
	AttachmentCount int      `json:"attachment_count,omitempty"`
	Document        Document `json:"document"` // the default version
}

// OIDCProvider is an IAM OpenID Connect identity provider.
type OIDCProvider struct {
	ARN         string   `json:"arn"`
	URL         string   `json:"url"`
	ClientIDs   []string `json:"client_ids,omitempty"`
	Thumbprints []string `json:"thumbprints,omitempty"`
}

// SAMLProvider is an IAM SAML identity provider.
type SAMLProvider struct {
	ARN        string     `json:"arn"`
	Name       string     `json:"name"`
	ValidUntil *time.Time `json:"valid_until,omitempty"`
}

// InstanceProfile links EC2 instances to roles.
type InstanceProfile struct {
	Name  string   `json:"name"`
	ARN   string   `json:"arn"`
	Roles []string `json:"roles,omitempty"` // role names
}
