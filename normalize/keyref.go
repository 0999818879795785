package normalize

import (
	"sort"
	"strings"

	"github.com/parity-sec/parity/collectors/snapshot"
)

// Key reference values.
const (
	KeyAWSManaged      = "aws-managed"
	KeyCustomerManaged = "customer-managed"
	KeyNone            = "none"
)

// keyIndex resolves the many spellings of a KMS key (id, key ARN, alias
// name, alias ARN) to one canonical reference. Key ids are random per
// account, so twins can only be matched through their aliases.
type keyIndex struct {
	refs map[string]string
	tok  *tokenizer
}

func newKeyIndex(keys []snapshot.KMSKey, tok *tokenizer) *keyIndex {
	ix := &keyIndex{refs: map[string]string{}, tok: tok}
	for _, k := range keys {
		ref := KeyCustomerManaged
		if strings.EqualFold(k.KeyManager, "AWS") {
			ref = KeyAWSManaged
		} else if name := canonicalAlias(k.Aliases, tok); name != "" {
			ref = name
		}
		for _, spelling := range append([]string{k.KeyID, k.ARN}, k.Aliases...) {
			if spelling != "" {
				ix.refs[spelling] = ref
			}
		}
		for _, a := range k.Aliases {
			if region, account, ok := arnParts(k.ARN); ok {
				ix.refs["arn:aws:kms:"+region+":"+account+":"+a] = ref
			}
		}
	}
	return ix
}

// canonicalAlias picks the first alias by canonical text, so a key with
// several aliases is named the same way in both environments.
func canonicalAlias(aliases []string, tok *tokenizer) string {
	var names []string
	for _, a := range aliases {
		if !strings.HasPrefix(a, "alias/aws/") {
			names = append(names, tok.apply(a))
		}
	}
	if len(names) == 0 {
		return ""
	}
	sort.Strings(names)
	return names[0]
}

// ref canonicalizes a key reference; empty means the service default,
// given by def (KeyAWSManaged or KeyNone).
func (ix *keyIndex) ref(id, def string) string {
	if id == "" {
		return def
	}
	if r, ok := ix.refs[id]; ok {
		return r
	}
	if strings.HasPrefix(id, "alias/aws/") || strings.Contains(id, ":alias/aws/") {
		return KeyAWSManaged
	}
	if strings.HasPrefix(id, "alias/") {
		return ix.tok.apply(id)
	}
	if _, account, ok := arnParts(id); ok {
		// A key in another account, above all the other environment's, is
		// exactly the cross-boundary dependency users need to see.
		if a := ix.tok.apply(account); a != TokenSelfAccount && a != "" {
			return KeyCustomerManaged + "@" + a
		}
	}
	return KeyCustomerManaged
}

// arnParts returns an ARN's region and account.
func arnParts(arn string) (region, account string, ok bool) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 || parts[0] != "arn" {
		return "", "", false
	}
	return parts[3], parts[4], true
}
