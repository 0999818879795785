# METADATA
# title: A rule that never finishes
# description: Ten billion iterations in small memory; without a time limit it runs until killed.
# custom:
#   category: identity
#   severity: low
package parity.rules.team.slow

finding contains {"resource": "x", "message": "never"} if {
	some i in numbers.range(1, 100000)
	some j in numbers.range(1, 100000)
	i * j == -1
}
