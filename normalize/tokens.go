package normalize

import (
	"strings"
)

// Tokens written into canonical strings.
const (
	TokenEnv         = "${env}"
	TokenPeerEnv     = "${peer_env}"
	TokenSelfAccount = "${self_account}"
	TokenPeerAccount = "${peer_account}"
	// TokenDollar stands for a literal "$" that would otherwise start one
	// of parity's tokens in a name: a security group literally named
	// "x-${env}" canonicalizes to "x-${$}{env}", never to "x-${env}".
	TokenDollar = "${$}"
)

// tokenNames are the names inside parity's tokens; a literal occurrence of
// one in a hostile string is escaped, never interpreted.
var tokenNames = []string{"env}", "peer_env}", "self_account}", "peer_account}", "$}"}

// tokenizer rewrites the environment-specific words of a string into tokens
// so that twins compare equal, while keeping a reference to the *other*
// environment visibly different from a reference to this one.
type tokenizer struct {
	env      string            // this environment's name as configured, for evidence
	words    map[string]string // lower-case word -> token
	accounts map[string]string // 12-digit id -> token
	// arns rewrites ARNs that carry per-account randomness (KMS key ids,
	// the six-character suffix of secret ARNs) to a stable spelling before
	// tokenizing, so a grant on "our key" pairs with its twin.
	arns map[string]string
	// memo holds arn's results while one Normalize runs: policies repeat
	// the same principals and resources many times, and grants and the
	// evaluator's statements tokenize each of them. It is dropped when
	// Normalize returns, so that Environment.Canonical, which other
	// goroutines may call, only reads the tokenizer.
	memo map[string]string
	// noCond is the "condition" value of every grant without one.
	noCond map[string]any
}

func newTokenizer(env, peerEnv, account, peerAccount string, aliases map[string][]string) *tokenizer {
	t := &tokenizer{env: env, words: map[string]string{}, accounts: map[string]string{}, arns: map[string]string{}, noCond: map[string]any{}}
	// Peer first, own second: if a word names both, the own environment wins.
	for _, w := range append([]string{peerEnv}, aliases[peerEnv]...) {
		if w != "" {
			t.words[strings.ToLower(w)] = TokenPeerEnv
		}
	}
	for _, w := range append([]string{env}, aliases[env]...) {
		if w != "" {
			t.words[strings.ToLower(w)] = TokenEnv
		}
	}
	if peerAccount != "" {
		t.accounts[peerAccount] = TokenPeerAccount
	}
	if account != "" {
		t.accounts[account] = TokenSelfAccount
	}
	return t
}

// apply replaces whole words only: a word is a run of letters or digits,
// also split where a lower-case letter meets an upper-case one, so
// "payments-api-staging", "PaymentsApiStaging" and "payments_staging" all
// carry the token but "stagingarea" does not. It allocates only when it
// replaces something.
func (t *tokenizer) apply(s string) string {
	if s == "" {
		return s
	}
	var b strings.Builder
	last := 0 // end of what has been copied into b
	i := 0
	for i < len(s) {
		if !isWordByte(s[i]) {
			if s[i] == '$' && literalToken(s[i+1:]) {
				b.WriteString(s[last:i])
				b.WriteString(TokenDollar)
				last = i + 1
			}
			i++
			continue
		}
		j := i + 1
		for j < len(s) && isWordByte(s[j]) && !(isLower(s[j-1]) && isUpper(s[j])) {
			j++
		}
		if tok, ok := t.lookup(s[i:j]); ok {
			if b.Len() == 0 && last == 0 {
				b.Grow(len(s) + 16)
			}
			b.WriteString(s[last:i])
			b.WriteString(tok)
			last = j
		}
		i = j
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// literalToken reports whether rest (what follows a "$") spells the body of
// one of parity's tokens, so the "$" must be escaped as ${$}. Escaping only
// these keeps IAM policy variables such as ${aws:username} as written, and
// stays injective: after escaping, a token can only come from the tokenizer.
func literalToken(rest string) bool {
	if !strings.HasPrefix(rest, "{") {
		return false
	}
	for _, n := range tokenNames {
		if strings.HasPrefix(rest[1:], n) {
			return true
		}
	}
	return false
}

func (t *tokenizer) lookup(word string) (string, bool) {
	if len(word) == 12 && allDigits(word) {
		tok, ok := t.accounts[word]
		return tok, ok
	}
	// Most words are short ASCII and in no map: lower-case them into a
	// buffer that a map lookup converts without allocating.
	var buf [64]byte
	if len(word) <= len(buf) {
		ascii := true
		for i := 0; i < len(word); i++ {
			c := word[i]
			if c >= 0x80 {
				ascii = false
				break
			}
			if isUpper(c) {
				c += 'a' - 'A'
			}
			buf[i] = c
		}
		if ascii {
			tok, ok := t.words[string(buf[:len(word)])]
			return tok, ok
		}
	}
	tok, ok := t.words[strings.ToLower(word)]
	return tok, ok
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

func isLower(c byte) bool { return c >= 'a' && c <= 'z' }
func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// arn tokenizes an ARN or pattern, first replacing a known random ARN.
func (t *tokenizer) arn(s string) string {
	if t.memo != nil {
		if r, ok := t.memo[s]; ok {
			return r
		}
		r := t.arnOf(s)
		t.memo[s] = r
		return r
	}
	return t.arnOf(s)
}

func (t *tokenizer) arnOf(s string) string {
	if r, ok := t.arns[s]; ok {
		s = r
	}
	return t.apply(s)
}

// strs tokenizes a list into a sorted, de-duplicated set.
func (t *tokenizer) strs(in []string) []any {
	out := make([]string, 0, len(in))
	for _, s := range in {
		out = append(out, t.apply(s))
	}
	return stringSet(out)
}

// tags tokenizes tag values (keys are kept: they are the schema of ABAC).
func (t *tokenizer) tags(in map[string]string) map[string]any {
	out := make(map[string]any, len(in))
	for k, v := range in {
		out[k] = t.apply(v)
	}
	return out
}
