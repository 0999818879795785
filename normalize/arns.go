package normalize

import (
	"regexp"
	"sort"
	"strings"

	"github.com/parity-sec/parity/collectors/snapshot"
)

// secretSuffix is the random "-AbC123" Secrets Manager appends to ARNs.
var secretSuffix = regexp.MustCompile(`-[A-Za-z0-9]{6}$`)

// stableARNs fills rewrites for ARNs whose spelling is random per account:
// a KMS key ARN becomes its alias ARN (the first alias, as for the key's own
// name) and a secret ARN ends in "-??????", the pattern AWS documents for
// matching exactly one secret, so both environments spell them alike.
func stableARNs(s *snapshot.Snapshot, out map[string]string) {
	for _, k := range s.Secrets.KMSKeys {
		if k.ARN == "" || len(k.Aliases) == 0 {
			continue
		}
		aliases := append([]string(nil), k.Aliases...)
		sort.Strings(aliases)
		if region, account, ok := arnParts(k.ARN); ok {
			out[k.ARN] = "arn:aws:kms:" + region + ":" + account + ":" + aliases[0]
		}
	}
	for _, sec := range s.Secrets.Secrets {
		if strings.Contains(sec.ARN, ":secret:") && secretSuffix.MatchString(sec.ARN) {
			out[sec.ARN] = secretSuffix.ReplaceAllString(sec.ARN, "-??????")
		}
	}
}
