# METADATA
# title: Production identity can pass any role
# description: A user rule built on parity's own IAM semantics (parity.iam.allows), never on text.
# custom:
#   category: identity
#   severity: high
#   remediation: Scope iam:PassRole to the roles the workload needs.
package parity.rules.identity.passrole_any

finding contains f if {
	some key in input.production.kinds.iam_role
	r := input.production.resources[key]
	parity.iam.allows(r.attrs.permissions, "iam:PassRole", "arn:aws:iam::${self_account}:role/anything")
	f := {"resource": key, "message": sprintf("production role %s can pass any role", [r.name]), "staging": null, "production": {"witness": "iam:PassRole"}}
}
