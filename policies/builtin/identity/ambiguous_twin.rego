# METADATA
# title: Ambiguous twin
# description: |
#   Several resources of one environment map to the same canonical key, so
#   parity cannot tell which one is the twin of the other environment's
#   resource. A decoy named with an alias or another spelling of the
#   environment could otherwise take the twin and hide the real resource's
#   drift. parity pairs the candidate that names the environment most
#   exactly and compares every other candidate with the same twin, so no
#   finding is lost; this finding says the pairing was contested and lists
#   every candidate by its real name.
# custom:
#   category: identity
#   severity: high
#   remediation: Rename or delete the resources that only look like the twin, so one resource per environment carries the name; waive this finding only when both are meant to exist.
#   references:
#     - OWASP NHI2:2025 Secret Leakage
#     - NIST CSF ID.AM-2
package parity.rules.identity.ambiguous_twin

import data.parity.lib

finding contains f if {
	some side in lib.sides
	some a in object.get(input[side], "ambiguous", [])
	names := [c.name | some c in a.candidates]
	f := lib.finding(a.key, side, {"candidates": a.candidates}, {"twin": object.get(input[lib.other[side]].resources, a.key, null) != null}, sprintf(
		"%d resources in %s map to %s (%s); %s was paired as the twin and every candidate was compared with it, but one of them may be a decoy",
		[count(names), lib.env_name[side], a.key, concat(", ", names), names[0]],
	))
}
