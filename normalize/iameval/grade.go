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
	best, rank := ReachOther, 0
	for i := range ds {
		d := &ds[i]
		for ri := range reachRules {
			rule := &reachRules[ri]
			if reachPats[ri].rank <= rank {
				break
			}
			if deltaReaches(d, reachPats[ri].pats) {
				best, rank = rule.reach, reachPats[ri].rank
				break
			}
		}
	}
	return best
}

// reachPat is one pattern of reachRules split and prepared once: the
// rules are constants, so this is no cache of results.
type reachPat struct {
	svc   string
	whole bool // the action part is "*": needs the whole service
	m     matcher
}

var reachPats = func() []struct {
	rank int
	pats []reachPat
} {
	out := make([]struct {
		rank int
		pats []reachPat
	}, len(reachRules))
	for i, rule := range reachRules {
		out[i].rank = reachRank[rule.reach]
		for _, p := range rule.pats {
			ps, pa, _ := strings.Cut(p, ":")
			out[i].pats = append(out[i].pats, reachPat{svc: ps, whole: pa == "*", m: matcherFor(p, modeString)})
		}
	}
	return out
}()

func deltaReaches(d *Delta, pats []reachPat) bool {
	svc := strings.ToLower(d.Service)
	for i := range pats {
		p := &pats[i]
		if p.svc != svc {
			continue
		}
		if len(d.Actions) == 1 && d.Actions[0] == "*" {
			// The whole service is in the delta: everything of it is reached,
			// but "iam:*" means all of IAM, not any one IAM action.
			return true
		}
		if p.whole {
			continue // needs the whole service
		}
		for _, a := range d.Actions {
			// Lower-case ASCII while matching rather than copying.
			if isASCII(a) && p.m.matchFold(a, true) || !isASCII(a) && p.m.match(strings.ToLower(a)) {
				return true
			}
		}
	}
	return false
}
