package crossing

import (
	"github.com/parity-sec/parity/normalize"
)

// Egress is data leaving its environment: logs, trails or flow logs
// delivered to a sink the other account owns, or a secret, parameter, log
// group or trail encrypted with a key of the other account (which then
// decides who can read it). Direction names the way the data goes.
type Egress struct {
	Resource  string  `json:"resource"`
	Kind      string  `json:"kind"`
	Side      string  `json:"side"`
	Direction string  `json:"direction"`
	Path      string  `json:"path"` // subscription_filter, trail_bucket, trail_log_group, flow_log_destination, encryption_key
	Name      string  `json:"name"` // the resource as collected (name or id)
	ARN       string  `json:"arn"`
	Sink      string  `json:"sink"` // the destination ARN, bucket or key, as collected
	Owner     Account `json:"owner"`
	SinkOwner Account `json:"sink_owner"`
}

// egressKinds are the kinds whose data can leave for the other account.
var egressKinds = []string{normalize.KindLogGroup, normalize.KindTrail, normalize.KindFlowLog, normalize.KindSecret, normalize.KindParameter}

func (p *pair) egress(side string) []Egress {
	e, peer := p.envs[side], p.envs[other(side)]
	if peer.AccountID == "" {
		return nil
	}
	theirs := func(arn string) bool { return accountOf(arn) == peer.AccountID }
	bucketTheirs := func(b string) bool { return b != "" && peer.OwnedBuckets[b] && !e.OwnedBuckets[b] }
	var out []Egress
	add := func(r *normalize.Resource, path, sink string) {
		out = append(out, Egress{Resource: r.Key, Kind: r.Kind, Side: side, Direction: direction(side), Path: path,
			Name: infoString(r, "name"), ARN: infoString(r, "arn"), Sink: sink,
			Owner: p.account(side), SinkOwner: p.account(other(side))})
	}
	for _, r := range p.keysOf(side, egressKinds...) {
		switch r.Kind {
		case normalize.KindLogGroup:
			dests, _ := r.Info["subscription_destinations"].([]any)
			for _, d := range dests {
				if s, _ := d.(string); theirs(s) {
					add(r, "subscription_filter", s)
				}
			}
		case normalize.KindTrail:
			if b := infoString(r, "s3_bucket"); bucketTheirs(b) {
				add(r, "trail_bucket", b)
			}
			if g := infoString(r, "cloudwatch_log_group"); theirs(g) {
				add(r, "trail_log_group", g)
			}
		case normalize.KindFlowLog:
			d := infoString(r, "destination")
			if b := bucketOfS3ARN(d); b != "" {
				if bucketTheirs(b) {
					add(r, "flow_log_destination", d)
				}
			} else if theirs(d) {
				add(r, "flow_log_destination", d)
			}
		}
		if k := infoString(r, "kms_key_id"); theirs(k) {
			add(r, "encryption_key", k)
		}
	}
	return out
}

// bucketOfS3ARN returns the bucket of an S3 ARN, "" for anything else.
func bucketOfS3ARN(arn string) string {
	if accountOf(arn) != "" || len(arn) < 4 {
		return ""
	}
	const pre = ":s3:::"
	for i := 0; i+len(pre) <= len(arn); i++ {
		if arn[i:i+len(pre)] == pre {
			rest := arn[i+len(pre):]
			for j := 0; j < len(rest); j++ {
				if rest[j] == '/' {
					return rest[:j]
				}
			}
			return rest
		}
	}
	return ""
}
