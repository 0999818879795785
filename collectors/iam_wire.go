package collectors

import "github.com/parity-sec/parity/collectors/snapshot"

// IAM wire types: what `aws iam <operation> --output json` prints, reduced to
// the fields parity reads. Policy documents decode from the CLI's JSON
// objects and from the API's URL-encoded strings alike (snapshot.Document).

type wireAuthDetails struct {
	UserDetailList  []wireUserDetail
	GroupDetailList []wireGroupDetail
	RoleDetailList  []wireRoleDetail
	Policies        []wirePolicyDetail
}

type wireInlinePolicy struct {
	PolicyName     string
	PolicyDocument snapshot.Document
}

type wireAttached struct {
	PolicyArn string
}

type wireBoundary struct {
	PermissionsBoundaryArn string
}

type wireRoleDetail struct {
	RoleName                 string
	Arn                      string
	Path                     string
	CreateDate               cliTime
	AssumeRolePolicyDocument snapshot.Document
	RolePolicyList           []wireInlinePolicy
	AttachedManagedPolicies  []wireAttached
	PermissionsBoundary      *wireBoundary
	Tags                     []wireTag
	RoleLastUsed             *struct {
		LastUsedDate cliTime
		Region       string
	}
	InstanceProfileList []struct {
		InstanceProfileName string
		Arn                 string
		Roles               []struct{ RoleName string }
	}
}

type wireUserDetail struct {
	UserName                string
	Arn                     string
	Path                    string
	CreateDate              cliTime
	UserPolicyList          []wireInlinePolicy
	AttachedManagedPolicies []wireAttached
	GroupList               []string
	PermissionsBoundary     *wireBoundary
	Tags                    []wireTag
}

type wireGroupDetail struct {
	GroupName               string
	Arn                     string
	Path                    string
	GroupPolicyList         []wireInlinePolicy
	AttachedManagedPolicies []wireAttached
}

type wirePolicyVersion struct {
	VersionId        string
	IsDefaultVersion bool
	Document         snapshot.Document
}

type wirePolicyDetail struct {
	PolicyName        string
	Arn               string
	Path              string
	DefaultVersionId  string
	AttachmentCount   int
	PolicyVersionList []wirePolicyVersion
}

// wireListRoles supplies MaxSessionDuration, which the authorization
// details omit.
type wireListRoles struct {
	Roles []struct {
		RoleName           string
		MaxSessionDuration int
	}
}

type wireListAccessKeys struct {
	AccessKeyMetadata []struct {
		AccessKeyId string
		Status      string
		CreateDate  cliTime
	}
}

type wireAccessKeyLastUsed struct {
	AccessKeyLastUsed struct {
		LastUsedDate cliTime
		ServiceName  string
	}
}

type wireListOIDC struct {
	OpenIDConnectProviderList []struct{ Arn string }
}

type wireGetOIDC struct {
	Url            string
	ClientIDList   []string
	ThumbprintList []string
}

type wireListSAML struct {
	SAMLProviderList []struct {
		Arn        string
		ValidUntil cliTime
	}
}

// iamExport is everything the IAM collector reads, shaped like the export
// directory: list outputs as they are, per-item outputs keyed by item id.
type iamExport struct {
	Details     wireAuthDetails                  // iam-get-account-authorization-details
	Roles       wireListRoles                    // iam-list-roles
	AccessKeys  map[string]wireListAccessKeys    // iam-list-access-keys, by user name
	KeyLastUsed map[string]wireAccessKeyLastUsed // iam-get-access-key-last-used, by access key id
	OIDC        wireListOIDC                     // iam-list-open-id-connect-providers
	OIDCDetail  map[string]wireGetOIDC           // iam-get-open-id-connect-provider, by provider ARN
	SAML        wireListSAML                     // iam-list-saml-providers
}
