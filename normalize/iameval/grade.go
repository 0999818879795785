package iameval

import "strings"

// Reach grades what a set of allowed requests reaches, most severe first.
type Reach string

const (
	ReachAdmin      Reach = "admin"
	ReachPrivEsc    Reach = "privilege_escalation"
	ReachSecretRead Reach = "secret_read"
	ReachDataAccess Reach = "data_access"
	ReachOther      Reach = "other"
)

var reachRank = map[Reach]int{ReachAdmin: 4, ReachPrivEsc: 3, ReachSecretRead: 2, ReachDataAccess: 1, ReachOther: 0}

// More reports whether r is more severe than o.
func (r Reach) More(o Reach) bool { return reachRank[r] > reachRank[o] }

// reachRules are action patterns (lower case) per grade. All of IAM is
// admin: whoever controls IAM can grant itself anything. The escalation
// list follows the well-known IAM privilege-escalation paths.
var reachRules = []struct {
	reach Reach
	pats  []string
}{
	{ReachAdmin, []string{"iam:*"}},
	{ReachPrivEsc, []string{"iam:passrole", "iam:create*", "iam:attach*", "iam:put*policy", "iam:update*assumerolepolicy",
		"iam:setdefaultpolicyversion", "iam:addusertogroup", "iam:updateloginprofile", "sts:assumerole",
		"lambda:updatefunctioncode", "lambda:createfunction", "ec2:runinstances", "cloudformation:createstack",
		"glue:updatedevendpoint", "ssm:sendcommand", "ssm:startsession"}},
	{ReachSecretRead, []string{"secretsmanager:getsecretvalue", "ssm:getparameter*", "kms:decrypt", "kms:generatedatakey*",
		"kms:reencrypt*"}},
	{ReachDataAccess, []string{"s3:*object*", "dynamodb:*item*", "dynamodb:query", "dynamodb:scan", "rds-data:*",
		"sqs:receivemessage", "sqs:sendmessage", "kinesis:getrecords", "s3:deletebucket*", "rds:*snapshot*"}},
}

// GradeDeltas grades the most severe thing the deltas reach.
func GradeDeltas(ds []Delta) Reach {
	best := ReachOther
	for _, d := range ds {
		for _, rule := range reachRules {
			if !rule.reach.More(best) {
				break
			}
			if deltaReaches(d, rule.pats) {
				best = rule.reach
				break
			}
		}
	}
	return best
}

func deltaReaches(d Delta, pats []string) bool {
	svc := strings.ToLower(d.Service)
	for _, p := range pats {
		ps, pa, _ := strings.Cut(p, ":")
		if ps != svc {
			continue
		}
		if len(d.Actions) == 1 && d.Actions[0] == "*" {
			// The whole service is in the delta: everything of it is reached,
			// but "iam:*" means all of IAM, not any one IAM action.
			return true
		}
		if pa == "*" {
			continue // needs the whole service
		}
		g := compileGlob(p, modeString)
		for _, a := range d.Actions {
			if g.match(strings.ToLower(a)) {
				return true
			}
		}
	}
	return false
}
