// Package collectors builds parity snapshots from a live AWS account (Collect)
// or from AWS CLI exports (FromDir).
//
// Collectors read metadata only. They must never read a secret value, decrypt
// anything or change anything in the account: every AWS client this package
// builds carries a middleware that refuses, before anything is sent, any
// operation not on Allowlist(). The shipped IAM policy
// (policy/parity-readonly-policy.json) is generated from the same list.
//
// One file per domain (iam.go, secrets.go, logging.go, network.go); each
// collector takes a narrow client interface so tests can feed it moto or
// recorded answers. A gap in what could be read is recorded as coverage,
// never as "nothing there".
package collectors

//go:generate go test -run TestReadOnlyPolicyFile -update .
