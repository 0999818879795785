# METADATA
# title: A rule that asks for a billion numbers
# description: One built-in call that needs tens of gigabytes; it used to end in "fatal error - out of memory".
# custom:
#   category: identity
#   severity: low
package parity.rules.team.memory

finding contains {"resource": "x", "message": "never"} if {
	count(numbers.range(1, 1e9)) == 0
}
