package normalize

import (
	"sort"
	"strings"
)

// federation lists, as collected (not tokenized), the identity providers a
// trust policy lets assume the role and the subject conditions that narrow
// who: whether a staging pipeline's token is accepted by production is a
// question about the real subject strings, which tokens would blur.
//
// Each entry is {"provider": ARN, "issuer": "token.actions.githubusercontent.com"
// or "saml-provider/<name>", "subject_key": "<issuer>:sub" or "saml:sub",
// "subjects": [{"operator": "stringlike", "values": [...]}, ...],
// "condition": the statement's whole condition}. An entry without
// "subjects" accepts any subject of the provider.
func federation(stmts []Statement) []any {
	var out []any
	for _, st := range stmts {
		if !strings.EqualFold(st.Effect, "Allow") || st.NotPrincipal {
			continue
		}
		for _, p := range st.Principals {
			provider, ok := strings.CutPrefix(p, "Federated:")
			if !ok || !strings.Contains(provider, ":") {
				continue // a web identity pool like cognito-identity.amazonaws.com
			}
			issuer, key := providerIssuer(provider)
			e := map[string]any{"provider": provider, "issuer": issuer, "subject_key": key}
			var subs []any
			ops := make([]string, 0, len(st.Condition))
			for op := range st.Condition {
				ops = append(ops, op)
			}
			sort.Strings(ops)
			for _, op := range ops {
				if vals, ok := st.Condition[op][key]; ok {
					vs := append([]string(nil), vals...)
					sort.Strings(vs)
					subs = append(subs, map[string]any{"operator": op, "values": stringSet(vs)})
				}
			}
			if len(subs) > 0 {
				e["subjects"] = subs
			}
			if len(st.Condition) > 0 {
				e["condition"] = conditionValue(st.Condition)
			}
			out = append(out, e)
		}
	}
	return out
}

// providerIssuer names a provider independently of its account: the OIDC
// issuer host, or the SAML provider's name, with its subject condition key.
func providerIssuer(arn string) (issuer, subjectKey string) {
	if i := strings.Index(arn, ":oidc-provider/"); i >= 0 {
		host := strings.ToLower(arn[i+len(":oidc-provider/"):])
		return host, host + ":sub"
	}
	if i := strings.Index(arn, ":saml-provider/"); i >= 0 {
		return "saml-provider/" + arn[i+len(":saml-provider/"):], "saml:sub"
	}
	return arn, ""
}

func conditionValue(c map[string]map[string][]string) map[string]any {
	out := make(map[string]any, len(c))
	for op, keys := range c {
		km := make(map[string]any, len(keys))
		for k, vals := range keys {
			vs := append([]string(nil), vals...)
			sort.Strings(vs)
			km[k] = stringSet(vs)
		}
		out[op] = km
	}
	return out
}
