package snapshottest

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/parity-sec/parity/collectors/snapshot"
)

// stmt is an IAM statement as the generator builds it. Actions and
// resources are lists; rendering decides whether a one-element list is
// written as a scalar.
type stmt struct {
	Sid       string
	Effect    string
	Principal map[string]string
	Actions   []string
	Resources []string
	Condition map[string]map[string]string
}

// Textual rewrites of a document, as bits of variant.rewrite. Each keeps
// the meaning: statement order, Sids, scalar-vs-list, action case,
// split statements and the bare-account-id principal.
const (
	rwReorder uint32 = 1 << iota
	rwListify
	rwCase
	rwSplit
	rwBareAccount
	rwKeyAlias   // a KMS reference by alias name instead of key ARN
	rwSplitCIDRs // one security-group rule per CIDR
	rwRenumber   // network ACL rules renumbered
	rwNoFlowName // flow log without resource_name: pair through the VPC's tag
)

var serviceActions = map[string][]string{
	"s3":             {"s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:DeleteObject"},
	"sqs":            {"sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"},
	"dynamodb":       {"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"},
	"kms":            {"kms:Decrypt", "kms:GenerateDataKey", "kms:Encrypt"},
	"secretsmanager": {"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"},
	"ssm":            {"ssm:GetParameter", "ssm:GetParametersByPath"},
	"logs":           {"logs:CreateLogStream", "logs:PutLogEvents"},
	"sns":            {"sns:Publish"},
}

var serviceNames = []string{"s3", "sqs", "dynamodb", "kms", "secretsmanager", "ssm", "logs", "sns"}

// permStmt draws one Allow statement for a workload named stem in env e.
func permStmt(r *rand.Rand, stem string, e env) stmt {
	svc := pick(r, serviceNames)
	acts := serviceActions[svc]
	n := 1 + r.IntN(min(3, len(acts)))
	start := r.IntN(len(acts))
	st := stmt{Effect: "Allow"}
	for i := 0; i < n; i++ {
		st.Actions = append(st.Actions, acts[(start+i)%len(acts)])
	}
	region := Regions[r.IntN(len(Regions))]
	res := stem + "-" + e.name
	switch svc {
	case "s3":
		st.Resources = []string{"arn:aws:s3:::" + res, "arn:aws:s3:::" + res + "/*"}[:1+r.IntN(2)]
	case "sqs", "sns":
		st.Resources = []string{fmt.Sprintf("arn:aws:%s:%s:%s:%s", svc, region, e.account, res)}
	case "dynamodb":
		st.Resources = []string{fmt.Sprintf("arn:aws:dynamodb:%s:%s:table/%s", region, e.account, res)}
	case "kms":
		st.Resources = []string{"*"}
		st.Condition = map[string]map[string]string{"StringEquals": {"kms:ViaService": "s3." + region + ".amazonaws.com"}}
	case "secretsmanager":
		st.Resources = []string{fmt.Sprintf("arn:aws:secretsmanager:%s:%s:secret:%s/*", region, e.account, res)}
	case "ssm":
		st.Resources = []string{fmt.Sprintf("arn:aws:ssm:%s:%s:parameter/%s/*", region, e.account, res)}
	case "logs":
		st.Resources = []string{fmt.Sprintf("arn:aws:logs:%s:%s:log-group:/aws/ecs/%s:*", region, e.account, res)}
	}
	return st
}

// render writes statements as a policy document, applying the textual
// rewrites in bits. It never changes what the document allows.
func render(stmts []stmt, bits uint32) snapshot.Document {
	out := make([]map[string]any, 0, len(stmts)+2)
	for i, st := range stmts {
		if bits&rwSplit != 0 && len(st.Actions) > 1 {
			for _, a := range st.Actions {
				one := st
				one.Actions = []string{a}
				out = append(out, renderStmt(one, i, bits))
			}
			continue
		}
		out = append(out, renderStmt(st, i, bits))
	}
	if bits&rwReorder != 0 {
		for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
			out[i], out[j] = out[j], out[i]
		}
		for i := range out {
			out[i]["Sid"] = fmt.Sprintf("Rewritten%d", i)
		}
	}
	// Only strings, lists and maps of them: marshalling cannot fail.
	b, _ := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": out})
	return snapshot.Document(b)
}

func renderStmt(st stmt, i int, bits uint32) map[string]any {
	m := map[string]any{"Effect": st.Effect}
	if st.Sid != "" {
		m["Sid"] = st.Sid
	}
	if st.Principal != nil {
		p := map[string]any{}
		for k, v := range st.Principal {
			if bits&rwBareAccount != 0 && k == "AWS" && strings.HasSuffix(v, ":root") {
				v = strings.TrimSuffix(strings.TrimPrefix(v, "arn:aws:iam::"), ":root")
			}
			p[k] = v
		}
		m["Principal"] = p
	}
	acts := st.Actions
	if bits&rwCase != 0 {
		acts = make([]string, len(st.Actions))
		for k, a := range st.Actions {
			acts[k] = mangleCase(a, k+i)
		}
	}
	m["Action"] = scalarOrList(acts, bits&rwListify != 0)
	if len(st.Resources) > 0 {
		m["Resource"] = scalarOrList(st.Resources, bits&rwListify != 0)
	}
	if st.Condition != nil {
		m["Condition"] = st.Condition
	}
	return m
}

func scalarOrList(xs []string, list bool) any {
	if len(xs) == 1 && !list {
		return xs[0]
	}
	return xs
}

// mangleCase changes the case of an action without changing its meaning:
// IAM action names and service prefixes are case-insensitive.
func mangleCase(a string, n int) string {
	switch n % 3 {
	case 0:
		return strings.ToLower(a)
	case 1:
		return strings.ToUpper(a[:1]) + a[1:]
	default:
		return strings.ToUpper(a)
	}
}

// accountRoot is the :root ARN of an account.
func accountRoot(account string) string { return "arn:aws:iam::" + account + ":root" }
