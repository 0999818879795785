package crossing

import (
	"sort"
	"strings"

	"github.com/parity-sec/parity/normalize"
	"github.com/parity-sec/parity/normalize/iameval"
)

// OneSided is a role or user present in one environment only, graded by
// what it holds: its effective permissions, its active access keys, and
// whether it starts a chain into the other environment.
type OneSided struct {
	Resource      string   `json:"resource"`
	Kind          string   `json:"kind"`
	Side          string   `json:"side"`
	ARN           string   `json:"arn"`
	Account       Account  `json:"account"`
	Grade         string   `json:"grade"`
	Admin         bool     `json:"admin_equivalent"`
	Permissions   []string `json:"permissions"` // what it allows, by service: "s3: getobject, putobject on arn:…"
	Policies      []string `json:"policies"`    // attached and inline policy names
	ActiveKeys    []string `json:"active_access_keys"`
	ReachesOther  bool     `json:"reaches_other_env"`
	ServiceLinked bool     `json:"service_linked"`
	LastUsed      string   `json:"last_used,omitempty"`
}

// permissionLimit bounds the permission summary kept as evidence.
const permissionLimit = 8

func (p *pair) oneSided(side string, g *graph) []OneSided {
	peer := p.envs[other(side)]
	var out []OneSided
	for key, r := range p.keysOf(side, normalize.KindRole, normalize.KindUser) {
		if peer.Resources[key] != nil {
			continue
		}
		o := OneSided{Resource: key, Kind: r.Kind, Side: side, ARN: infoString(r, "arn"), Account: p.account(side),
			Grade: string(iameval.ReachOther), Permissions: []string{}, Policies: []string{}, ActiveKeys: []string{}}
		path, _ := r.Attrs["path"].(string)
		o.ServiceLinked = strings.HasPrefix(path, "/aws-service-role/")
		for _, f := range []string{"attached_policies", "inline_policies"} {
			list, _ := r.Info[f].([]any)
			for _, v := range list {
				if s, ok := v.(string); ok {
					o.Policies = append(o.Policies, p.real(side, s))
				}
			}
		}
		sort.Strings(o.Policies)
		keys, _ := r.Info["access_keys"].([]any)
		for _, k := range keys {
			m, _ := k.(map[string]any)
			if m["status"] == "Active" {
				s, _ := m["id_suffix"].(string)
				o.ActiveKeys = append(o.ActiveKeys, "…"+s)
			}
			// A user is used through its keys: their last use is its last use.
			if s, _ := m["last_used"].(string); s > o.LastUsed {
				o.LastUsed = s
			}
		}
		for _, u := range []string{"last_used", "password_last_used"} {
			if s := infoString(r, u); s > o.LastUsed {
				o.LastUsed = s
			}
		}
		if r.Sem != nil {
			if id, ok := r.Sem.Identity["permissions"]; ok && id.Policies != nil {
				o.Admin = iameval.AdminEquivalent(id)
				all, _ := iameval.Differences(id, nothing(), permissionLimit)
				o.Grade = string(iameval.GradeDeltas(all))
				if o.Admin {
					o.Grade = string(iameval.ReachAdmin)
				}
				for _, d := range all {
					o.Permissions = append(o.Permissions, d.Service+": "+strings.Join(d.Actions, ", ")+" on "+p.real(side, d.Resource))
				}
			}
		}
		if n := g.find(side, key); n != nil {
			o.ReachesOther = g.reachesOther(n)
		}
		out = append(out, o)
	}
	return out
}
