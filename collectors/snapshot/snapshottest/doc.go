// Package snapshottest builds synthetic staging/production snapshot pairs
// for tests and benchmarks: n resources per environment across every kind,
// names carrying the environment token so they pair, a small fraction of
// deliberate drift and a larger fraction of meaning-preserving rewrites.
//
// Output is a pure function of (n, seed): no clock, no global random
// source, so a benchmark or a failing test can be reproduced exactly. It
// must never be imported by non-test code paths of the parity binary.
package snapshottest
