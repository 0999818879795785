package normalize

import (
	"fmt"
	"sort"
	"strings"

	"github.com/parity-sec/parity/collectors/snapshot"
)

// defaultMaxSession is what IAM applies when a role states none.
const defaultMaxSession = 3600

func (b *builder) identity(s *snapshot.Snapshot) error {
	id := &s.Identity
	managed := make(map[string]*doc, len(id.Policies))
	for _, p := range id.Policies {
		d, err := b.document(p.Document)
		if err != nil {
			return fmt.Errorf("iam policy %s: %w", p.Name, err)
		}
		managed[p.ARN] = d
		name := b.tok.apply(p.Name)
		if p.AWSManaged {
			name = "aws/" + p.Name
		}
		r := b.add(KindPolicy, "", name, map[string]any{
			"permissions": b.comp.compile([]*doc{d}).grants,
			"aws_managed": p.AWSManaged,
			"path":        b.tok.apply(p.Path),
		}, info("name", p.Name, "arn", p.ARN, "attachment_count", p.AttachmentCount))
		r.setIdentity("permissions", identity(b.comp.compile([]*doc{d}), nil))
	}
	for _, r := range id.Roles {
		if err := b.role(r, managed); err != nil {
			return fmt.Errorf("iam role %s: %w", r.Name, err)
		}
	}
	groupDocs := map[string][]*doc{}
	for _, g := range id.Groups {
		ds, err := b.principalDocs(g.InlinePolicies, g.AttachedPolicies, managed)
		if err != nil {
			return fmt.Errorf("iam group %s: %w", g.Name, err)
		}
		groupDocs[g.Name] = ds
		r := b.add(KindGroup, "", b.tok.apply(g.Name), map[string]any{
			"permissions": b.comp.compile(ds).grants,
			"path":        b.tok.apply(g.Path),
		}, info("name", g.Name, "arn", g.ARN, "attached_policies", b.tok.strs(g.AttachedPolicies), "inline_policies", inlineNames(g.InlinePolicies)))
		r.setIdentity("permissions", identity(b.comp.compile(ds), nil))
	}
	for _, u := range id.Users {
		if err := b.user(u, managed, groupDocs); err != nil {
			return fmt.Errorf("iam user %s: %w", u.Name, err)
		}
	}
	for _, p := range id.OIDCProviders {
		b.add(KindOIDCProvider, "", b.tok.apply(oidcHost(p)), map[string]any{
			"client_ids": b.tok.strs(p.ClientIDs),
		}, info("name", oidcHost(p), "arn", p.ARN, "url", p.URL))
	}
	for _, p := range id.SAMLProviders {
		b.add(KindSAMLProvider, "", b.tok.apply(p.Name), map[string]any{},
			info("name", p.Name, "arn", p.ARN, "valid_until", timeValue(p.ValidUntil)))
	}
	for _, p := range id.InstanceProfiles {
		b.add(KindInstanceProfile, "", b.tok.apply(p.Name), map[string]any{
			"roles": b.tok.strs(p.Roles),
		}, info("name", p.Name, "arn", p.ARN))
	}
	return nil
}

func (b *builder) role(r snapshot.Role, managed map[string]*doc) error {
	trust, err := b.document(r.TrustPolicy)
	if err != nil {
		return fmt.Errorf("trust_policy: %w", err)
	}
	perms, err := b.principalDocs(r.InlinePolicies, r.AttachedPolicies, managed)
	if err != nil {
		return err
	}
	maxSession := r.MaxSessionDuration
	if maxSession == 0 {
		maxSession = defaultMaxSession
	}
	res := b.add(KindRole, "", b.tok.apply(r.Name), map[string]any{
		"trust":                b.comp.compile([]*doc{trust}).grants,
		"permissions":          b.comp.compile(perms).grants,
		"permissions_boundary": b.tok.apply(r.PermissionsBoundary),
		"max_session_duration": maxSession,
		"path":                 b.tok.apply(r.Path),
		"tags":                 b.tok.tags(r.Tags),
	}, info("name", r.Name, "arn", r.ARN, "created_at", timeValue(r.CreatedAt),
		"last_used", timeValue(r.LastUsed), "last_used_region", r.LastUsedRegion,
		"attached_policies", b.tok.strs(r.AttachedPolicies), "inline_policies", inlineNames(r.InlinePolicies),
		"unresolved_policies", unresolved(withBoundary(r.AttachedPolicies, r.PermissionsBoundary), managed)))
	if f := federation(trust.parsed); len(f) > 0 {
		res.Info["federation"] = f
	}
	res.setIdentity("permissions", b.effective(perms, r.PermissionsBoundary, managed))
	res.setPolicy("trust", b.comp.compile([]*doc{trust}), "sts")
	return nil
}

// effective is an identity's permission set as IAM evaluates it: the union
// of its policies, intersected with its permissions boundary. A boundary
// whose document the snapshot lacks cannot be applied; the identity is then
// judged by its policies alone and the ARN is listed as unresolved.
func (b *builder) effective(docs []*doc, boundary string, managed map[string]*doc) effectiveSet {
	if d, ok := managed[boundary]; ok && boundary != "" {
		bc := b.comp.compile([]*doc{d})
		return identity(b.comp.compile(docs), &bc)
	}
	return identity(b.comp.compile(docs), nil)
}

func (b *builder) user(u snapshot.User, managed map[string]*doc, groups map[string][]*doc) error {
	perms, err := b.principalDocs(u.InlinePolicies, u.AttachedPolicies, managed)
	if err != nil {
		return err
	}
	for _, g := range u.Groups {
		perms = append(perms, groups[g]...)
	}
	keys := make([]any, 0, len(u.AccessKeys))
	ks := append([]snapshot.AccessKey(nil), u.AccessKeys...)
	sort.Slice(ks, func(i, j int) bool { return ks[i].IDSuffix < ks[j].IDSuffix })
	for _, k := range ks {
		keys = append(keys, info("id_suffix", k.IDSuffix, "status", k.Status,
			"created_at", timeValue(k.CreatedAt), "last_used", timeValue(k.LastUsed), "last_used_service", k.LastUsedService))
	}
	res := b.add(KindUser, "", b.tok.apply(u.Name), map[string]any{
		"permissions":          b.comp.compile(perms).grants,
		"groups":               b.tok.strs(u.Groups),
		"permissions_boundary": b.tok.apply(u.PermissionsBoundary),
		"path":                 b.tok.apply(u.Path),
		"tags":                 b.tok.tags(u.Tags),
	}, info("name", u.Name, "arn", u.ARN, "created_at", timeValue(u.CreatedAt),
		"password_last_used", timeValue(u.PasswordLastUsed), "access_keys", keys,
		"attached_policies", b.tok.strs(u.AttachedPolicies), "inline_policies", inlineNames(u.InlinePolicies),
		"unresolved_policies", unresolved(withBoundary(u.AttachedPolicies, u.PermissionsBoundary), managed)))
	res.setIdentity("permissions", b.effective(perms, u.PermissionsBoundary, managed))
	return nil
}

// principalDocs lists inline and attached managed policies: IAM grants
// their union, so where a statement lives carries no meaning.
func (b *builder) principalDocs(inline []snapshot.InlinePolicy, attached []string, managed map[string]*doc) ([]*doc, error) {
	out := make([]*doc, 0, len(inline)+len(attached))
	for _, p := range inline {
		d, err := b.document(p.Document)
		if err != nil {
			return nil, fmt.Errorf("inline policy %s: %w", p.Name, err)
		}
		out = append(out, d)
	}
	for _, arn := range attached {
		if d, ok := managed[arn]; ok {
			out = append(out, d)
		}
	}
	return out, nil
}

// withBoundary lists the policy ARNs an identity needs documents for.
func withBoundary(attached []string, boundary string) []string {
	out := make([]string, 0, len(attached)+1)
	out = append(out, attached...)
	if boundary != "" {
		out = append(out, boundary)
	}
	return out
}

// document parses a policy into grants and evaluator statements, once per
// distinct text: real accounts repeat the same trust and inline policies
// across many roles. Callers never modify the returned doc.
func (b *builder) document(d snapshot.Document) (*doc, error) {
	if pd, ok := b.docs[d]; ok {
		return pd, nil
	}
	stmts, err := parseDocument(string(d), b.lower)
	if err != nil {
		return nil, err
	}
	pd := &doc{id: len(b.docs), parsed: stmts, grants: b.tok.grantsOf(stmts), stmts: b.tok.evalStatements(stmts)}
	b.docs[d] = pd
	return pd, nil
}

func inlineNames(ps []snapshot.InlinePolicy) []any {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name
	}
	return stringSet(names)
}

// unresolved lists attached policy ARNs whose documents the snapshot lacks,
// so evidence shows that the permission set may be incomplete.
func unresolved(arns []string, managed map[string]*doc) []any {
	var out []string
	for _, a := range arns {
		if _, ok := managed[a]; !ok && a != "" {
			out = append(out, a)
		}
	}
	return stringSet(out)
}

func oidcHost(p snapshot.OIDCProvider) string {
	u := p.URL
	if u == "" {
		if i := strings.Index(p.ARN, "oidc-provider/"); i >= 0 {
			u = p.ARN[i+len("oidc-provider/"):]
		}
	}
	u = strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
	return strings.ToLower(strings.TrimSuffix(u, "/"))
}
