package collectors

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// exportParsers decodes one export file into its place in an otherwise
// empty export and builds the snapshot part, as FromDir does.
var exportParsers = map[string]func([]byte) error{
	fileCallerIdentity: func(b []byte) error { var v struct{ Account string }; return decodeExport(b, &v) },
	fileAuthDetails: func(b []byte) error {
		var ex iamExport
		return buildAfter(decodeExport(b, &ex.Details), func() { ex.build() })
	},
	fileListRoles: func(b []byte) error {
		var ex iamExport
		return buildAfter(decodeExport(b, &ex.Roles), func() { ex.build() })
	},
	fileAccessKeys: func(b []byte) error {
		var ex iamExport
		return buildAfter(decodeExport(b, &ex.AccessKeys), func() { ex.build() })
	},
	fileKeyLastUsed: func(b []byte) error {
		var ex iamExport
		return buildAfter(decodeExport(b, &ex.KeyLastUsed), func() { ex.build() })
	},
	fileListOIDC: func(b []byte) error {
		var ex iamExport
		return buildAfter(decodeExport(b, &ex.OIDC), func() { ex.build() })
	},
	fileGetOIDC: func(b []byte) error {
		var ex iamExport
		return buildAfter(decodeExport(b, &ex.OIDCDetail), func() { ex.build() })
	},
	fileListSAML: func(b []byte) error {
		var ex iamExport
		return buildAfter(decodeExport(b, &ex.SAML), func() { ex.build() })
	},
	fileListSecrets: func(b []byte) error {
		var ex secretsExport
		return buildAfter(decodeExport(b, &ex.List), func() { ex.build(regionA) })
	},
	fileSecretPolicy: func(b []byte) error {
		var ex secretsExport
		return buildAfter(decodeExport(b, &ex.Policies), func() { ex.build(regionA) })
	},
	fileParameters: func(b []byte) error {
		var ex ssmExport
		return buildAfter(decodeExport(b, &ex.Parameters), func() { ex.build(regionA) })
	},
	fileListKeys: func(b []byte) error {
		var ex kmsExport
		return buildAfter(decodeExport(b, &ex.Keys), func() { ex.build(regionA) })
	},
	fileListAliases: func(b []byte) error {
		var ex kmsExport
		return buildAfter(decodeExport(b, &ex.Aliases), func() { ex.build(regionA) })
	},
	fileDescribeKey: func(b []byte) error {
		var ex kmsExport
		return buildAfter(decodeExport(b, &ex.Describe), func() { ex.build(regionA) })
	},
	fileKeyRotation: func(b []byte) error {
		var ex kmsExport
		return buildAfter(decodeExport(b, &ex.Rotation), func() { ex.build(regionA) })
	},
	fileKeyPolicy: func(b []byte) error {
		var ex kmsExport
		return buildAfter(decodeExport(b, &ex.Policy), func() { ex.build(regionA) })
	},
	fileKeyTags: func(b []byte) error {
		var ex kmsExport
		return buildAfter(decodeExport(b, &ex.Tags), func() { ex.build(regionA) })
	},
	fileKeyGrants: func(b []byte) error {
		var ex kmsExport
		return buildAfter(decodeExport(b, &ex.Grants), func() { ex.build(regionA) })
	},
	fileDestinations: func(b []byte) error {
		var ex logsExport
		return buildAfter(decodeExport(b, &ex.Dests), func() { ex.destinations(regionA) })
	},
	fileListBuckets: func(b []byte) error {
		var ex s3Export
		return buildAfter(decodeExport(b, &ex.Buckets), func() { ex.build() })
	},
	fileBucketPolicy: func(b []byte) error {
		var m map[string]wireBucketPolicy
		return decodeExport(b, &m)
	},
	fileTrails: func(b []byte) error {
		var ex cloudtrailExport
		return buildAfter(decodeExport(b, &ex.Trails), func() { ex.build(regionA) })
	},
	fileTrailStatus: func(b []byte) error {
		var ex cloudtrailExport
		return buildAfter(decodeExport(b, &ex.Status), func() { ex.build(regionA) })
	},
	fileEventSelectors: func(b []byte) error {
		var ex cloudtrailExport
		return buildAfter(decodeExport(b, &ex.Selectors), func() { ex.build(regionA) })
	},
	fileLogGroups: func(b []byte) error {
		var ex logsExport
		return buildAfter(decodeExport(b, &ex.Groups), func() { ex.build(regionA) })
	},
	fileSubscriptions: func(b []byte) error {
		var ex logsExport
		return buildAfter(decodeExport(b, &ex.Filters), func() { ex.build(regionA) })
	},
	fileVpcs: func(b []byte) error {
		var ex ec2Export
		return buildAfter(decodeExport(b, &ex.Vpcs), func() { ex.build(regionA) })
	},
	fileSecurityGroups: func(b []byte) error {
		var ex ec2Export
		return buildAfter(decodeExport(b, &ex.SecurityGroups), func() { ex.build(regionA) })
	},
	fileNetworkAcls: func(b []byte) error {
		var ex ec2Export
		return buildAfter(decodeExport(b, &ex.NetworkAcls), func() { ex.build(regionA) })
	},
	fileFlowLogs: func(b []byte) error {
		var ex ec2Export
		return buildAfter(decodeExport(b, &ex.FlowLogs), func() { ex.build(regionA) })
	},
}

// buildAfter runs build even after a decode error: a half-decoded export
// must not crash the builder either.
func buildAfter(err error, build func()) error {
	build()
	return err
}

func parserNames() []string {
	names := make([]string, 0, len(exportParsers))
	for n := range exportParsers {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// FuzzExportFile feeds arbitrary bytes to every export parser: none may
// panic, and every error must be one line.
func FuzzExportFile(f *testing.F) {
	names := parserNames()
	for i, n := range names {
		for _, dir := range []string{fixtureDir, filepath.Join(fixtureDir, regionA)} {
			if data, err := os.ReadFile(filepath.Join(dir, n)); err == nil {
				f.Add(uint8(i), data)
			}
		}
	}
	f.Add(uint8(0), []byte(`{"Account": 1e999}`))
	f.Add(uint8(1), []byte(`{"RoleDetailList":[{"AssumeRolePolicyDocument":"%7B%22a%22%3A1%7D","CreateDate":1e300}]}`))
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		name := names[int(which)%len(names)]
		if err := exportParsers[name](data); err != nil && strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: multi-line error %q", name, err)
		}
	})
}

// TestExportParsersCoverEveryFile keeps the fuzz table complete.
func TestExportParsersCoverEveryFile(t *testing.T) {
	var missing []string
	_ = filepath.WalkDir(fixtureDir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && exportParsers[d.Name()] == nil {
			missing = append(missing, d.Name())
		}
		return nil
	})
	if len(missing) > 0 {
		t.Errorf("no parser registered for %v", missing)
	}
}
