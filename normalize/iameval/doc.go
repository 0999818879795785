// Package iameval is parity's one model of IAM policy semantics: it decides
// requests under AWS's documented evaluation logic (explicit Deny wins, an
// Allow is required, Not* elements, wildcards with IAM's ARN rules,
// conditions as guards, permissions boundaries) and compares two permission
// sets by what they allow, with a concrete witness request for every
// direction in which they differ.
//
// Comparisons are exact over the infinite request space: each dimension
// (action, resource, principal, each context key) is cut into the finitely
// many classes the policies involved can tell apart, and one representative
// of each class is searched. Where that is not possible the Verdict says so
// in Approximations (see README.md).
//
// It must never drop what it does not understand: unknown actions and
// operators are kept symbolically and named by Policy.Warnings. It knows
// nothing of parity's account and environment tokens, which are ordinary
// characters here.
package iameval
