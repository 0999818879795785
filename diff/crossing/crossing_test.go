package crossing

import (
	"fmt"
	"strings"
	"testing"

	"github.com/parity-sec/parity/collectors/snapshot"
	"github.com/parity-sec/parity/normalize"
)

const (
	stAcct = "111111111111"
	prAcct = "222222222222"
)

func role(acct, name, trust string, inline ...string) snapshot.Role {
	r := snapshot.Role{Name: name, ARN: "arn:aws:iam::" + acct + ":role/" + name, TrustPolicy: snapshot.Document(trust)}
	for i, d := range inline {
		r.InlinePolicies = append(r.InlinePolicies, snapshot.InlinePolicy{Name: fmt.Sprintf("p%d", i), Document: snapshot.Document(d)})
	}
	return r
}

func doc(stmts ...string) string {
	return `{"Version":"2012-10-17","Statement":[` + strings.Join(stmts, ",") + `]}`
}

const admin = `{"Effect":"Allow","Action":"*","Resource":"*"}`

func assume(arn string) string {
	return `{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"` + arn + `"}`
}

func trusts(principal string) string {
	return doc(`{"Effect":"Allow","Principal":{"AWS":"` + principal + `"},"Action":"sts:AssumeRole"}`)
}

func oidc(acct, sub string) string {
	cond := `"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}`
	if sub != "" {
		cond += `,"StringLike":{"token.actions.githubusercontent.com:sub":"` + sub + `"}`
	}
	return doc(`{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::` + acct + `:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{` + cond + `}}`)
}

func conditioned(action, key, value string) string {
	return doc(`{"Effect":"Allow","Principal":"*","Action":"` + action + `","Resource":"*","Condition":{"StringEquals":{"` + key + `":"` + value + `"}}}`)
}

// fixture seeds one of each path and a near-miss twin of each.
func fixture() (*snapshot.Snapshot, *snapshot.Snapshot) {
	st := &snapshot.Snapshot{SchemaVersion: 1, Environment: "staging", AccountID: stAcct, Regions: []string{"us-east-1"}}
	pr := &snapshot.Snapshot{SchemaVersion: 1, Environment: "production", AccountID: prAcct, Regions: []string{"us-east-1"}}
	prRole := func(n string) string { return "arn:aws:iam::" + prAcct + ":role/" + n }
	stRole := func(n string) string { return "arn:aws:iam::" + stAcct + ":role/" + n }
	st.Identity.Roles = []snapshot.Role{
		role(stAcct, "ci-staging", trusts(stAcct), doc(assume(prRole("deploy-production")))),
		// near miss: trusted by audit-production, but may not assume it.
		role(stAcct, "ro-staging", trusts(stAcct), doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`)),
		role(stAcct, "gha-app-staging", oidc(stAcct, "repo:org/app:*")),
		role(stAcct, "gha-web-staging", oidc(stAcct, "repo:org/web-staging:*")),
		role(stAcct, "gha-open-staging", oidc(stAcct, "")),
	}
	st.Identity.Users = []snapshot.User{{Name: "breakglass", ARN: "arn:aws:iam::" + stAcct + ":user/breakglass",
		InlinePolicies: []snapshot.InlinePolicy{{Name: "all", Document: snapshot.Document(doc(admin))}},
		AccessKeys:     []snapshot.AccessKey{{IDSuffix: "WXYZ", Status: "Active"}}}}
	pr.Identity.Roles = []snapshot.Role{
		role(prAcct, "deploy-production", trusts(stRole("ci-staging")), doc(assume(prRole("admin-production")))),
		role(prAcct, "admin-production", trusts(prRole("deploy-production")), doc(admin)),
		role(prAcct, "audit-production", trusts(stRole("ro-staging")), doc(admin)),
		role(prAcct, "gha-app-production", oidc(prAcct, "repo:org/app:*")),
		role(prAcct, "gha-web-production", oidc(prAcct, "repo:org/web-production:*")),
	}
	pr.Secrets.Secrets = []snapshot.Secret{
		{Name: "db-production", ARN: "arn:aws:secretsmanager:us-east-1:" + prAcct + ":secret:db-production-AbCdEf", Region: "us-east-1",
			ResourcePolicy: snapshot.Document(conditioned("secretsmanager:GetSecretValue", "aws:PrincipalAccount", stAcct))},
		{Name: "api-production", ARN: "arn:aws:secretsmanager:us-east-1:" + prAcct + ":secret:api-production-AbCdEf", Region: "us-east-1",
			ResourcePolicy: snapshot.Document(conditioned("secretsmanager:GetSecretValue", "aws:PrincipalAccount", prAcct)),
			KMSKeyID:       "arn:aws:kms:us-east-1:" + stAcct + ":key/1234"},
	}
	pr.Secrets.KMSKeys = []snapshot.KMSKey{
		{KeyID: "k1", ARN: "arn:aws:kms:us-east-1:" + prAcct + ":key/k1", Region: "us-east-1", Aliases: []string{"alias/data-production"},
			KeyManager: "CUSTOMER", Policy: snapshot.Document(conditioned("kms:Decrypt", "kms:CallerAccount", stAcct))},
		{KeyID: "k2", ARN: "arn:aws:kms:us-east-1:" + prAcct + ":key/k2", Region: "us-east-1", Aliases: []string{"alias/logs-production"},
			KeyManager: "CUSTOMER", Policy: snapshot.Document(conditioned("kms:Decrypt", "kms:CallerAccount", prAcct)),
			Grants: []snapshot.KMSGrant{{GrantID: "g1", GranteePrincipal: "arn:aws:iam::" + stAcct + ":root", Operations: []string{"Decrypt"}}}},
	}
	pr.Logging.LogGroups = []snapshot.LogGroup{
		{Name: "app-production", Region: "us-east-1", SubscriptionFilters: []snapshot.SubscriptionFilter{{Name: "siem",
			DestinationARN: "arn:aws:logs:us-east-1:" + stAcct + ":destination:siem-staging"}}},
		{Name: "web-production", Region: "us-east-1", SubscriptionFilters: []snapshot.SubscriptionFilter{{Name: "siem",
			DestinationARN: "arn:aws:logs:us-east-1:" + prAcct + ":destination:siem-production"}}},
	}
	pr.Logging.Trails = []snapshot.Trail{
		{Name: "audit-production", ARN: "arn:aws:cloudtrail:us-east-1:" + prAcct + ":trail/audit-production", HomeRegion: "us-east-1", S3Bucket: "trail-staging-logs"},
		{Name: "ops-production", ARN: "arn:aws:cloudtrail:us-east-1:" + prAcct + ":trail/ops-production", HomeRegion: "us-east-1", S3Bucket: "trail-production-logs"},
	}
	st.Logging.Buckets = []snapshot.Bucket{{Name: "trail-staging-logs"}}
	pr.Logging.Buckets = []snapshot.Bucket{{Name: "trail-production-logs"}}
	pr.Logging.Destinations = []snapshot.LogDestination{
		{Name: "siem-production", ARN: "arn:aws:logs:us-east-1:" + prAcct + ":destination:siem-production", Region: "us-east-1",
			AccessPolicy: snapshot.Document(doc(`{"Effect":"Allow","Principal":{"AWS":"` + stAcct + `"},"Action":"logs:PutSubscriptionFilter","Resource":"*"}`))},
		{Name: "audit-production", ARN: "arn:aws:logs:us-east-1:" + prAcct + ":destination:audit-production", Region: "us-east-1",
			AccessPolicy: snapshot.Document(doc(`{"Effect":"Allow","Principal":{"AWS":"` + prAcct + `"},"Action":"logs:PutSubscriptionFilter","Resource":"*"}`))},
	}
	return st, pr
}

func TestTrace(t *testing.T) {
	st, pr := fixture()
	se, pe, err := normalize.Pair(st, pr, normalize.Config{})
	if err != nil {
		t.Fatal(err)
	}
	res := Trace(se, pe)
	var got []string
	for _, r := range res.Reach {
		got = append(got, fmt.Sprintf("reach %s %s %s %v via %v", r.Direction, r.Resource, r.Witness.Principal, r.Access, r.Via))
	}
	for _, c := range res.Chains {
		var arns []string
		for _, h := range c.Hops {
			arns = append(arns, h.ARN)
		}
		got = append(got, fmt.Sprintf("chain %s %s %s %s", c.Direction, c.Resource, strings.Join(arns, " > "), c.Grade))
	}
	for _, e := range res.Egress {
		got = append(got, fmt.Sprintf("egress %s %s %s %s", e.Direction, e.Resource, e.Path, e.Sink))
	}
	for _, f := range res.Federation {
		peer := ""
		if f.Peer != nil {
			peer = f.Peer.ARN + " " + f.Witness
		}
		got = append(got, fmt.Sprintf("federation %s %s %s %s", f.Kind, f.Side, f.Resource, peer))
	}
	for _, o := range res.OneSided {
		if o.Admin || o.ReachesOther {
			got = append(got, fmt.Sprintf("one_sided %s %s admin=%v keys=%v reaches=%v", o.Side, o.Resource, o.Admin, o.ActiveKeys, o.ReachesOther))
		}
	}
	want := []string{
		"reach staging_to_production kms_key/us-east-1/alias/data-${env} arn:aws:iam::111111111111:root [decrypt] via [policy]",
		"reach staging_to_production kms_key/us-east-1/alias/logs-${env} arn:aws:iam::111111111111:root [decrypt] via [grant]",
		"reach staging_to_production log_destination/us-east-1/siem-${env} arn:aws:iam::111111111111:root [write] via [policy]",
		"reach staging_to_production secret/us-east-1/db-${env} arn:aws:iam::111111111111:root [read] via [policy]",
		"chain staging_to_production iam_role/global/admin-${env} arn:aws:iam::111111111111:role/ci-staging > arn:aws:iam::222222222222:role/deploy-production > arn:aws:iam::222222222222:role/admin-production admin",
		"chain staging_to_production iam_role/global/deploy-${env} arn:aws:iam::111111111111:role/ci-staging > arn:aws:iam::222222222222:role/deploy-production privilege_escalation",
		"egress production_to_staging log_group/us-east-1/app-${env} subscription_filter arn:aws:logs:us-east-1:111111111111:destination:siem-staging",
		"egress production_to_staging secret/us-east-1/api-${env} encryption_key arn:aws:kms:us-east-1:111111111111:key/1234",
		"egress production_to_staging trail/us-east-1/audit-${env} trail_bucket trail-staging-logs",
		"federation open_subject staging iam_role/global/gha-open-${env} ",
		"federation shared_subject production iam_role/global/gha-app-${env} arn:aws:iam::111111111111:role/gha-app-staging repo:org/app:",
		"one_sided production iam_role/global/admin-${env} admin=true keys=[] reaches=false",
		"one_sided production iam_role/global/audit-${env} admin=true keys=[] reaches=false",
		"one_sided staging iam_role/global/ci-${env} admin=false keys=[] reaches=true",
		"one_sided staging iam_user/global/breakglass admin=true keys=[…WXYZ] reaches=true",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Trace:\n got:\n%s\n want:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
