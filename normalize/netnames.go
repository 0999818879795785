package normalize

import (
	"fmt"
	"net/netip"
	"strings"

	"go4.org/netipx"

	"github.com/parity-sec/parity/collectors/snapshot"
)

// groupSource names a security-group peer so that twins pair: a group of
// the own account by its canonical name, a group of another account by
// that account's token and the group id (which cannot pair, and says so).
func (b *builder) groupSource(g snapshot.GroupRef, names map[string]string) string {
	acct := b.tok.apply(g.AccountID)
	if g.AccountID != "" && acct != TokenSelfAccount {
		return "sg:" + acct + "/" + g.GroupID
	}
	if n, ok := names[g.GroupID]; ok {
		return "sg:" + n
	}
	if g.GroupName != "" {
		return "sg:" + b.tok.apply(g.GroupName)
	}
	return "sg:" + g.GroupID
}

// canonicalPrefixes merges a CIDR list into its fewest prefixes.
func canonicalPrefixes(cidrs []string) ([]any, error) {
	var sb netipx.IPSetBuilder
	for _, c := range cidrs {
		p, err := netip.ParsePrefix(strings.TrimSpace(c))
		if err != nil {
			return nil, fmt.Errorf("CIDR %q: %w", c, err)
		}
		sb.AddPrefix(p.Masked())
	}
	set, err := sb.IPSet()
	if err != nil {
		return nil, err
	}
	out := []any{}
	for _, p := range set.Prefixes() {
		out = append(out, p.String())
	}
	return out, nil
}
