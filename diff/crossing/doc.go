// Package crossing traces the paths between the two environments: every
// way a principal of one environment's account can reach a resource of the
// other, a chain of role assumptions that crosses the boundary, data that
// leaves its environment for a sink or key of the other account, workload
// identities whose tokens both environments accept, and identities present
// on one side only graded by what they hold.
//
// It judges with the IAM evaluation model (normalize/iameval): every
// "reachable" is a concrete request, built for a principal of the other
// account with the request context AWS would give it (aws:PrincipalAccount,
// aws:PrincipalArn, kms:CallerAccount, and, for services acting on its
// behalf, aws:SourceAccount and aws:SourceArn), that the policy allows.
// Resource policies, trust policies and identity policies are compared in
// one vocabulary: a principal of the other environment is spelled through
// the owning environment's tokens (normalize.Environment.Canonical).
//
// It only reads the canonical environments. It must never re-normalize,
// never call AWS, and never claim a path without the request that proves it.
package crossing
