package snapshot

import "time"

// Secrets holds the secret sources: their metadata and access policies only.
type Secrets struct {
	Secrets    []Secret    `json:"secrets"`
	Parameters []Parameter `json:"parameters"`
	KMSKeys    []KMSKey    `json:"kms_keys"`
}

// Secret is Secrets Manager secret metadata. The value is never collected.
type Secret struct {
	Name            string            `json:"name"`
	ARN             string            `json:"arn"`
	Region          string            `json:"region"`
	KMSKeyID        string            `json:"kms_key_id,omitempty"` // empty: the AWS managed key aws/secretsmanager
	RotationEnabled bool              `json:"rotation_enabled"`
	RotationDays    int               `json:"rotation_days,omitempty"`
	LastRotated     *time.Time        `json:"last_rotated,omitempty"`
	LastAccessed    *time.Time        `json:"last_accessed,omitempty"`
	ResourcePolicy  Document          `json:"resource_policy,omitempty"`
	Replicas        []string          `json:"replicas,omitempty"` // replica regions
	Tags            map[string]string `json:"tags,omitempty"`
}

// Parameter is SSM Parameter Store metadata. The value is never collected.
type Parameter struct {
	Name         string     `json:"name"`
	Region       string     `json:"region"`
	Type         string     `json:"type"` // String, StringList, SecureString
	KMSKeyID     string     `json:"kms_key_id,omitempty"`
	Tier         string     `json:"tier,omitempty"`
	LastModified *time.Time `json:"last_modified,omitempty"`
}

// KMSKey is a customer managed KMS key (AWS managed keys are not listed,
// but references to them are kept where a resource uses one).
type KMSKey struct {
	KeyID           string            `json:"key_id"`
	ARN             string            `json:"arn"`
	Region          string            `json:"region"`
	Aliases         []string          `json:"aliases,omitempty"`
	Description     string            `json:"description,omitempty"`
	KeyManager      string            `json:"key_manager,omitempty"` // CUSTOMER or AWS
	KeyState        string            `json:"key_state,omitempty"`
	KeySpec         string            `json:"key_spec,omitempty"`
	RotationEnabled bool              `json:"rotation_enabled"`
	Policy          Document          `json:"policy,omitempty"`
	Tags            map[string]string `json:"tags,omitempty"`
}

// Logging holds the log sinks that make activity visible.
type Logging struct {
	Trails    []Trail    `json:"trails"`
	LogGroups []LogGroup `json:"log_groups"`
	FlowLogs  []FlowLog  `json:"flow_logs"`
}

// Trail is a CloudTrail trail with its status and selectors.
type Trail struct {
	Name                string          `json:"name"`
	ARN                 string          `json:"arn"`
	HomeRegion          string          `json:"home_region"`
	MultiRegion         bool            `json:"multi_region"`
	LogFileValidation   bool            `json:"log_file_validation"`
	IsLogging           bool            `json:"is_logging"`
	IncludeGlobalEvents bool            `json:"include_global_events"`
	IsOrganizationTrail bool            `json:"is_organization_trail,omitempty"`
	S3Bucket            string          `json:"s3_bucket,omitempty"`
	CloudWatchLogGroup  string          `json:"cloudwatch_log_group,omitempty"` // log group ARN
	KMSKeyID            string          `json:"kms_key_id,omitempty"`
	EventSelectors      []EventSelector `json:"event_selectors,omitempty"`
	// AdvancedEventSelectors keeps advanced selectors as their names and
	// field selectors rendered "Field Op Values", so they compare as text.
	AdvancedEventSelectors []string `json:"advanced_event_selectors,omitempty"`
}

// EventSelector is a basic CloudTrail event selector.
type EventSelector struct {
	ReadWriteType           string         `json:"read_write_type"`
	IncludeManagementEvents bool           `json:"include_management_events"`
	DataResources           []DataResource `json:"data_resources,omitempty"`
}

// DataResource names the data events a selector records.
type DataResource struct {
	Type   string   `json:"type"`
	Values []string `json:"values,omitempty"`
}

// LogGroup is a CloudWatch Logs group.
type LogGroup struct {
	Name                string               `json:"name"`
	ARN                 string               `json:"arn,omitempty"`
	Region              string               `json:"region"`
	RetentionDays       int                  `json:"retention_days,omitempty"` // 0: never expire
	KMSKeyID            string               `json:"kms_key_id,omitempty"`
	SubscriptionFilters []SubscriptionFilter `json:"subscription_filters,omitempty"`
}

// SubscriptionFilter forwards a log group to a destination such as a SIEM.
type SubscriptionFilter struct {
	Name           string `json:"name"`
	FilterPattern  string `json:"filter_pattern,omitempty"`
	DestinationARN string `json:"destination_arn"`
}

// FlowLog is a VPC, subnet or interface flow log. ResourceName is the Name
// tag of the logged resource, used to pair flow logs across environments.
type FlowLog struct {
	ID              string `json:"id"`
	Region          string `json:"region"`
	ResourceID      string `json:"resource_id"`
	ResourceName    string `json:"resource_name,omitempty"`
	TrafficType     string `json:"traffic_type"` // ACCEPT, REJECT, ALL
	DestinationType string `json:"destination_type,omitempty"`
	Destination     string `json:"destination,omitempty"`
	Status          string `json:"status,omitempty"`
}

// Network holds VPCs and the rules that admit traffic.
type Network struct {
	VPCs           []VPC           `json:"vpcs"`
	SecurityGroups []SecurityGroup `json:"security_groups"`
	NetworkACLs    []NetworkACL    `json:"network_acls"`
}

// VPC is a virtual private cloud.
type VPC struct {
	ID        string            `json:"id"`
	Region    string            `json:"region"`
	CIDRs     []string          `json:"cidrs,omitempty"`
	IsDefault bool              `json:"is_default,omitempty"`
	Tags      map[string]string `json:"tags,omitempty"`
}

// SecurityGroup is an EC2 security group with its rules.
type SecurityGroup struct {
	ID          string            `json:"id"`
	Name        string            `json:"name"`
	Region      string            `json:"region"`
	VPCID       string            `json:"vpc_id,omitempty"`
	Description string            `json:"description,omitempty"`
	Tags        map[string]string `json:"tags,omitempty"`
	Ingress     []SGRule          `json:"ingress,omitempty"`
	Egress      []SGRule          `json:"egress,omitempty"`
}

// SGRule mirrors an EC2 IpPermission: one protocol and port range, several sources.
type SGRule struct {
	Protocol    string     `json:"protocol"` // tcp, udp, icmp, -1 or a number, as EC2 reports it
	FromPort    *int       `json:"from_port,omitempty"`
	ToPort      *int       `json:"to_port,omitempty"`
	CIDRs       []string   `json:"cidrs,omitempty"`
	IPv6CIDRs   []string   `json:"ipv6_cidrs,omitempty"`
	PrefixLists []string   `json:"prefix_lists,omitempty"`
	Groups      []GroupRef `json:"groups,omitempty"`
}

// GroupRef is a security-group source or destination, possibly in another account.
type GroupRef struct {
	GroupID   string `json:"group_id"`
	GroupName string `json:"group_name,omitempty"`
	AccountID string `json:"account_id,omitempty"`
}

// NetworkACL is a network ACL with its numbered entries.
type NetworkACL struct {
	ID        string            `json:"id"`
	Region    string            `json:"region"`
	VPCID     string            `json:"vpc_id,omitempty"`
	IsDefault bool              `json:"is_default,omitempty"`
	Tags      map[string]string `json:"tags,omitempty"`
	Entries   []ACLEntry        `json:"entries,omitempty"`
}

// ACLEntry is one numbered network ACL rule.
type ACLEntry struct {
	RuleNumber int    `json:"rule_number"`
	Egress     bool   `json:"egress"`
	Protocol   string `json:"protocol"` // -1 or a protocol number, as EC2 reports it
	Action     string `json:"action"`   // allow or deny
	CIDR       string `json:"cidr,omitempty"`
	IPv6CIDR   string `json:"ipv6_cidr,omitempty"`
	FromPort   *int   `json:"from_port,omitempty"`
	ToPort     *int   `json:"to_port,omitempty"`
	// ICMPType and ICMPCode restrict an ICMP entry; nil or -1 means any.
	ICMPType *int `json:"icmp_type,omitempty"`
	ICMPCode *int `json:"icmp_code,omitempty"`
}
