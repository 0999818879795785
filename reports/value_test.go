package reports

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parity-sec/parity/diff"
)

func TestCompactValue(t *testing.T) {
	for _, tc := range []struct {
		name string
		path string
		v    any
		want string
	}{
		{"nil", "x", nil, "—"},
		{"empty string", "x", "", `""`},
		{"string", "x", "SecureString", "SecureString"},
		{"bool", "x", true, "true"},
		{"int", "x", 3600, "3600"},
		{"float integral", "x", float64(43200), "43200"},
		{"float", "x", 1.5, "1.5"},
		{"set", "cidrs", []any{"10.0.0.0/16", "10.1.0.0/16"}, "[10.0.0.0/16, 10.1.0.0/16]"},
		{"string set", "x", []string{"a", "b"}, "[a, b]"},
		{"grant", "permissions", map[string]any{"effect": "Allow", "action": "s3:getobject", "resource": "arn:aws:s3:::b/*", "principal": "", "condition": map[string]any{}},
			"Allow s3:getobject on arn:aws:s3:::b/*"},
		{"grant with principal and condition", "trust", map[string]any{"effect": "Allow", "action": "sts:assumerole", "resource": "", "principal": "AWS:arn:aws:iam::${peer_account}:root",
			"condition": map[string]any{"stringequals": map[string]any{"sts:externalid": []any{"a", "b"}}, "bool": map[string]any{"aws:securetransport": []any{"true"}}}},
			"Allow sts:assumerole (principal AWS:arn:aws:iam::${peer_account}:root, condition bool aws:securetransport=true and stringequals sts:externalid=a,b)"},
		{"negated grant", "permissions", map[string]any{"effect": "Deny", "action": "iam:*", "not_action": true, "resource": "*", "not_resource": true, "principal": "*", "not_principal": true},
			"Deny NOT iam:* on NOT * (principal NOT *)"},
		{"ingress rule", "ingress", map[string]any{"protocol": "tcp", "from_port": 22, "to_port": 22, "source": "0.0.0.0/0"}, "tcp 22 from 0.0.0.0/0"},
		{"egress rule", "egress", map[string]any{"protocol": "tcp", "from_port": 443, "to_port": 443, "source": "10.0.0.0/8"}, "tcp 443 to 10.0.0.0/8"},
		{"port range", "ingress", map[string]any{"protocol": "udp", "from_port": 1024, "to_port": 2048, "source": "sg:app-${env}"}, "udp 1024-2048 from sg:app-${env}"},
		{"all ports", "ingress", map[string]any{"protocol": "tcp", "from_port": 0, "to_port": 65535, "source": "::/0"}, "tcp all ports from ::/0"},
		{"all traffic", "egress", map[string]any{"protocol": "all", "from_port": 0, "to_port": 65535, "source": "0.0.0.0/0"}, "all to 0.0.0.0/0"},
		{"nacl entry", "ingress", map[string]any{"order": 1, "action": "allow", "protocol": "tcp", "from_port": 443, "to_port": 443, "cidr": "0.0.0.0/0"}, "#1 allow tcp 443 0.0.0.0/0"},
		{"subscription filter", "subscription_filters", map[string]any{"destination": "arn:aws:logs:siem", "filter_pattern": ""}, `to arn:aws:logs:siem (pattern "")`},
		{"other map, keys sorted", "tags", map[string]any{"team": "pay", "env": "${env}"}, "{env: ${env}, team: pay}"},
		{"string map", "tags", map[string]string{"b": "2", "a": "1"}, "{a: 1, b: 2}"},
		{"unknown type", "x", struct{ A int }{1}, `{"A":1}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := compactValue(tc.path, tc.v); got != tc.want {
				t.Errorf("compactValue(%q, %#v)\n got %q\nwant %q", tc.path, tc.v, got, tc.want)
			}
		})
	}
}

func TestTruncate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		max  int
		want string
	}{
		{"short", 10, "short"},
		{"exactly10!", 10, "exactly10!"},
		{"arn:aws:s3:::payments-artifacts/*", 20, "arn:aws:s3:…ifacts/*"},
		{"ääääääääääöööööööööö", 11, "ääääää…öööö"},
		{"tiny", 2, "tiny"},
	} {
		got := truncate(tc.in, tc.max)
		if got != tc.want {
			t.Errorf("truncate(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
		}
	}
}

func TestPrettyJSON(t *testing.T) {
	got := prettyJSON(map[string]any{"b": 1, "a": "<x>&"})
	want := "{\n  \"a\": \"<x>&\",\n  \"b\": 1\n}"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("prettyJSON (-want +got):\n%s", diff)
	}
	if prettyJSON(nil) != absent {
		t.Errorf("prettyJSON(nil) = %q", prettyJSON(nil))
	}
}

func TestFoldChanges(t *testing.T) {
	var cs []diff.Change
	for i := 0; i < 20; i++ {
		cs = append(cs, diff.Change{Action: diff.OnlyProduction, Resource: "iam_role/global/a", Path: "permissions", Production: fmt.Sprintf("g%02d", i)})
	}
	cs = append(cs,
		diff.Change{Action: diff.Changed, Resource: "iam_role/global/a", Path: "max_session_duration", Staging: 1, Production: 2},
		diff.Change{Action: diff.OnlyStaging, Resource: "iam_role/global/b"},
	)
	rows := foldChanges(wrapC(cs))
	if len(rows) != maxElementsShown+3 {
		t.Fatalf("got %d rows, want %d", len(rows), maxElementsShown+3)
	}
	fold := rows[maxElementsShown]
	if fold.More != 20-maxElementsShown || fold.Path != "permissions" || fold.Action != diff.OnlyProduction {
		t.Errorf("fold row = %+v", fold)
	}
	st, pr := rowValues(fold, 80)
	if st != "—" || !strings.Contains(pr, "and 12 more") {
		t.Errorf("fold cells = %q, %q", st, pr)
	}
	if rows[len(rows)-1].Resource != "iam_role/global/b" || rows[len(rows)-2].Path != "max_session_duration" {
		t.Errorf("rows after the fold were lost or reordered: %+v", rows[len(rows)-2:])
	}
}
