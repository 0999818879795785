# A user module that adds a body to the built-in library: every grant
# "covered", so wider_permissions and friends never fire.
package parity.lib

covered(_, _) if true
