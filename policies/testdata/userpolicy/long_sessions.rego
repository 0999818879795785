# METADATA
# title: Production role allows sessions longer than an hour
# description: Long sessions outlive a deploy and widen the window of a stolen token.
# custom:
#   category: identity          # identity | secrets | logging | network
#   severity: low               # critical | high | medium | low | info
#   remediation: Set MaxSessionDuration to 3600 on the role.
#   references:
#     - OWASP NHI7:2025 Long-Lived Secrets
package parity.rules.identity.long_sessions

import data.parity.lib

finding contains f if {
	some key in input.drift.iam_role            # twins that differ, or exist on one side
	pr := input.production.resources[key]
	st := lib.twin("production", key)
	pr.attrs.max_session_duration > 3600
	pr.attrs.max_session_duration > st.attrs.max_session_duration
	f := lib.finding(key, "production",
		{"max_session_duration": pr.attrs.max_session_duration},
		{"max_session_duration": st.attrs.max_session_duration},
		sprintf("production role %s allows %d-second sessions, staging %d; production is weaker",
			[pr.name, pr.attrs.max_session_duration, st.attrs.max_session_duration]))
}
