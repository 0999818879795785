package run

import "fmt"

// minPairingTotal keeps the pairing warning quiet on areas too small for a
// share to mean anything (one role only in staging is drift, not a naming
// problem).
const minPairingTotal = 4

// pairingWarnings warns about each area where under half of the resources
// found a twin. That is almost never drift: the environment's name is not
// the word its resource names use (--env prod against orders-api-production),
// and every resource then shows as "only in" one side with a meaningless
// score.
func pairingWarnings(s Summary, staging, production string) []string {
	var out []string
	for _, a := range s.Areas {
		if a.Total < minPairingTotal || 2*a.Paired >= a.Total {
			continue
		}
		out = append(out, fmt.Sprintf("only %d of %d %s resources paired: if resource names use another word than %q or %q, list it under aliases in parity.yaml (aliases: {production: [prod, production]})",
			a.Paired, a.Total, a.Area, staging, production))
	}
	return out
}
