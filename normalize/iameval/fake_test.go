package iameval

import "strings"

// fakeCatalog is a tiny universe of actions for tests: several services,
// names chosen so that s3:Get*, s3:*Object and kms:* differ.
type fakeCatalog map[string][]string

func (f fakeCatalog) Services() []string {
	var out []string
	for s := range f {
		out = append(out, s)
	}
	return out
}

func (f fakeCatalog) Actions(p string) []string { return f[strings.ToLower(p)] }

var testCat = fakeCatalog{
	"s3":             {"DeleteBucket", "GetBucketPolicy", "GetObject", "GetObjectAcl", "ListBucket", "PutObject"},
	"iam":            {"AttachRolePolicy", "CreateUser", "GetRole", "PassRole", "PutRolePolicy"},
	"kms":            {"Decrypt", "Encrypt", "ScheduleKeyDeletion"},
	"sts":            {"AssumeRole"},
	"secretsmanager": {"GetSecretValue", "ListSecrets"},
}

func compileT(stmts ...Statement) *Policy { return CompileWith(stmts, testCat) }
