package collectors

import (
	"sort"

	"github.com/parity-sec/parity/collectors/snapshot"
)

// build turns the IAM export into the snapshot's identity section, sorted.
func (ex iamExport) build() snapshot.Identity {
	var id snapshot.Identity
	maxSession := map[string]int{}
	for _, r := range ex.Roles.Roles {
		maxSession[r.RoleName] = r.MaxSessionDuration
	}
	profiles := map[string]snapshot.InstanceProfile{}
	for _, r := range ex.Details.RoleDetailList {
		role := snapshot.Role{
			Name:                r.RoleName,
			ARN:                 r.Arn,
			Path:                r.Path,
			CreatedAt:           r.CreateDate.ptr(),
			TrustPolicy:         r.AssumeRolePolicyDocument,
			InlinePolicies:      inlinePolicies(r.RolePolicyList),
			AttachedPolicies:    attachedARNs(r.AttachedManagedPolicies),
			PermissionsBoundary: boundaryARN(r.PermissionsBoundary),
			MaxSessionDuration:  maxSession[r.RoleName],
			Tags:                tagMap(r.Tags),
		}
		if r.RoleLastUsed != nil {
			role.LastUsed = r.RoleLastUsed.LastUsedDate.ptr()
			role.LastUsedRegion = r.RoleLastUsed.Region
		}
		id.Roles = append(id.Roles, role)
		for _, ip := range r.InstanceProfileList {
			p := snapshot.InstanceProfile{Name: ip.InstanceProfileName, ARN: ip.Arn}
			for _, ir := range ip.Roles {
				p.Roles = append(p.Roles, ir.RoleName)
			}
			sort.Strings(p.Roles)
			profiles[ip.Arn] = p
		}
	}
	for _, arn := range sortedKeys(profiles) {
		id.InstanceProfiles = append(id.InstanceProfiles, profiles[arn])
	}
	for _, u := range ex.Details.UserDetailList {
		user := snapshot.User{
			Name:                u.UserName,
			ARN:                 u.Arn,
			Path:                u.Path,
			CreatedAt:           u.CreateDate.ptr(),
			InlinePolicies:      inlinePolicies(u.UserPolicyList),
			AttachedPolicies:    attachedARNs(u.AttachedManagedPolicies),
			Groups:              sortedCopy(u.GroupList),
			PermissionsBoundary: boundaryARN(u.PermissionsBoundary),
			Tags:                tagMap(u.Tags),
		}
		for _, k := range ex.AccessKeys[u.UserName].AccessKeyMetadata {
			key := snapshot.AccessKey{IDSuffix: keySuffix(k.AccessKeyId), Status: k.Status, CreatedAt: k.CreateDate.ptr()}
			if lu, ok := ex.KeyLastUsed[k.AccessKeyId]; ok {
				key.LastUsed = lu.AccessKeyLastUsed.LastUsedDate.ptr()
				if s := lu.AccessKeyLastUsed.ServiceName; s != "N/A" {
					key.LastUsedService = s
				}
			}
			user.AccessKeys = append(user.AccessKeys, key)
		}
		sort.Slice(user.AccessKeys, func(i, j int) bool {
			a, b := user.AccessKeys[i], user.AccessKeys[j]
			if a.IDSuffix != b.IDSuffix {
				return a.IDSuffix < b.IDSuffix
			}
			return timeBefore(a.CreatedAt, b.CreatedAt)
		})
		id.Users = append(id.Users, user)
	}
	for _, g := range ex.Details.GroupDetailList {
		id.Groups = append(id.Groups, snapshot.Group{
			Name:             g.GroupName,
			ARN:              g.Arn,
			Path:             g.Path,
			InlinePolicies:   inlinePolicies(g.GroupPolicyList),
			AttachedPolicies: attachedARNs(g.AttachedManagedPolicies),
		})
	}
	referenced := map[string]bool{}
	for _, arn := range referencedAWSPolicies(ex.Details) {
		referenced[arn] = true
	}
	seen := map[string]bool{}
	for _, p := range ex.Details.Policies {
		aws := isAWSManaged(p.Arn)
		// An export made without a filter lists every AWS managed policy;
		// keep only those in use, as live collection does.
		if (aws && !referenced[p.Arn]) || seen[p.Arn] {
			continue
		}
		seen[p.Arn] = true
		name := p.PolicyName
		if name == "" {
			// Some emulators omit the name; the ARN always ends with it.
			name = arnName(p.Arn)
		}
		id.Policies = append(id.Policies, snapshot.ManagedPolicy{
			Name:            name,
			ARN:             p.Arn,
			Path:            p.Path,
			AWSManaged:      aws,
			AttachmentCount: p.AttachmentCount,
			Document:        defaultVersion(p),
		})
	}
	for _, arn := range sortedKeys(ex.OIDCDetail) {
		d := ex.OIDCDetail[arn]
		id.OIDCProviders = append(id.OIDCProviders, snapshot.OIDCProvider{
			ARN: arn, URL: d.Url, ClientIDs: sortedCopy(d.ClientIDList), Thumbprints: sortedCopy(d.ThumbprintList),
		})
	}
	for _, p := range ex.SAML.SAMLProviderList {
		id.SAMLProviders = append(id.SAMLProviders, snapshot.SAMLProvider{ARN: p.Arn, Name: arnName(p.Arn), ValidUntil: p.ValidUntil.ptr()})
	}
	sortIdentity(&id)
	return id
}

func sortIdentity(id *snapshot.Identity) {
	sort.Slice(id.Roles, func(i, j int) bool { return id.Roles[i].ARN < id.Roles[j].ARN })
	sort.Slice(id.Users, func(i, j int) bool { return id.Users[i].ARN < id.Users[j].ARN })
	sort.Slice(id.Groups, func(i, j int) bool { return id.Groups[i].ARN < id.Groups[j].ARN })
	sort.Slice(id.Policies, func(i, j int) bool { return id.Policies[i].ARN < id.Policies[j].ARN })
	sort.Slice(id.OIDCProviders, func(i, j int) bool { return id.OIDCProviders[i].ARN < id.OIDCProviders[j].ARN })
	sort.Slice(id.SAMLProviders, func(i, j int) bool { return id.SAMLProviders[i].ARN < id.SAMLProviders[j].ARN })
	sort.Slice(id.InstanceProfiles, func(i, j int) bool { return id.InstanceProfiles[i].ARN < id.InstanceProfiles[j].ARN })
}

func defaultVersion(p wirePolicyDetail) snapshot.Document {
	for _, v := range p.PolicyVersionList {
		if v.IsDefaultVersion || (p.DefaultVersionId != "" && v.VersionId == p.DefaultVersionId) {
			return v.Document
		}
	}
	return ""
}

func inlinePolicies(in []wireInlinePolicy) []snapshot.InlinePolicy {
	var out []snapshot.InlinePolicy
	for _, p := range in {
		out = append(out, snapshot.InlinePolicy{Name: p.PolicyName, Document: p.PolicyDocument})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func attachedARNs(in []wireAttached) []string {
	var out []string
	for _, a := range in {
		out = append(out, a.PolicyArn)
	}
	sort.Strings(out)
	return out
}

func boundaryARN(b *wireBoundary) string {
	if b == nil {
		return ""
	}
	return b.PermissionsBoundaryArn
}

// keySuffix keeps the last four characters of an access key id: enough to
// recognise a key, too little to be one.
func keySuffix(id string) string {
	if len(id) <= 4 {
		return id
	}
	return id[len(id)-4:]
}
