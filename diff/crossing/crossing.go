package crossing

import (
	"iter"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/parity-sec/parity/normalize"
	"github.com/parity-sec/parity/normalize/iameval"
)

// Directions of a path: which environment's principal or data reaches the
// other. Staging reaching production is the exposure parity exists for.
const (
	StagingToProduction = "staging_to_production"
	ProductionToStaging = "production_to_staging"
)

// Sides, as in the policy input.
const (
	Staging    = "staging"
	Production = "production"
)

// Result holds every path between the environments, each list sorted.
type Result struct {
	Reach      []Reach      `json:"reach"`
	Chains     []Chain      `json:"chains"`
	Egress     []Egress     `json:"egress"`
	Federation []Federation `json:"federation"`
	OneSided   []OneSided   `json:"one_sided"`
}

// Account names one side: environment name and account id.
type Account struct {
	Env     string `json:"env"`
	Account string `json:"account_id"`
}

// Trace computes every path between staging and production.
func Trace(st, pr *normalize.Environment) *Result {
	if st == nil || pr == nil {
		return &Result{Reach: []Reach{}, Chains: []Chain{}, Egress: []Egress{}, Federation: []Federation{}, OneSided: []OneSided{}}
	}
	p := newPair(st, pr)
	res := &Result{Reach: []Reach{}, Egress: []Egress{}, OneSided: []OneSided{}}
	// The assume-role graph and what needs it, and the resource paths,
	// are independent: they run side by side, each into its own slots,
	// and are merged below in a fixed order.
	var (
		wg       sync.WaitGroup
		oneSided [2][]OneSided
		reach    [2][]reached
		egress   [2][]Egress
		fed      []Federation
	)
	wg.Go(func() {
		g := p.graph()
		res.Chains = g.chains(p)
		for si, side := range sides {
			oneSided[si] = p.oneSided(side, g)
		}
	})
	wg.Go(func() {
		for si, side := range sides {
			reach[si] = p.reach(side)
			egress[si] = p.egress(side)
		}
		fed = p.federation()
	})
	wg.Wait()
	chained := map[string]bool{}
	for _, c := range res.Chains {
		chained[c.Side+"\x00"+c.Resource] = true
	}
	for si, side := range sides {
		for _, r := range reach[si] {
			if r.Kind == normalize.KindRole {
				if chained[side+"\x00"+r.Resource] {
					continue // the chain names the same opening with its principals
				}
				r.Grade = p.grade(r.res)
			}
			res.Reach = append(res.Reach, r.Reach)
		}
		res.Egress = append(res.Egress, egress[si]...)
		res.OneSided = append(res.OneSided, oneSided[si]...)
	}
	res.Federation = append([]Federation{}, fed...)
	res.Chains = append([]Chain{}, res.Chains...)
	sort.Slice(res.Reach, func(i, j int) bool {
		return less(res.Reach[i].Side, res.Reach[i].Resource, res.Reach[j].Side, res.Reach[j].Resource)
	})
	sort.Slice(res.Egress, func(i, j int) bool {
		a, b := res.Egress[i], res.Egress[j]
		if a.Side != b.Side || a.Resource != b.Resource {
			return less(a.Side, a.Resource, b.Side, b.Resource)
		}
		return a.Path < b.Path
	})
	sort.Slice(res.OneSided, func(i, j int) bool {
		return less(res.OneSided[i].Side, res.OneSided[i].Resource, res.OneSided[j].Side, res.OneSided[j].Resource)
	})
	return res
}

func less(s1, r1, s2, r2 string) bool {
	if r1 != r2 {
		return r1 < r2
	}
	return s1 < s2
}

// pair is the two environments under trace. Trace works on it from two
// goroutines: envs and keys are only read, and mu guards the caches.
type pair struct {
	envs       map[string]*normalize.Environment
	keys       [2]map[string][]keyed                     // per side, kind -> resources, see indexKeys
	scans      [2]sideScan                               // per side, see scanSide
	principals map[string]map[string]*normalize.Resource // see principalsOf
	grades     map[iameval.Identity]string               // see grade
	mu         sync.Mutex
}

func other(side string) string {
	if side == Staging {
		return Production
	}
	return Staging
}

// direction is the direction of a path whose actor lives on side from.
func direction(from string) string {
	if from == Staging {
		return StagingToProduction
	}
	return ProductionToStaging
}

func (p *pair) account(side string) Account {
	e := p.envs[side]
	return Account{Env: e.Name, Account: e.AccountID}
}

// real spells a canonical string of side's environment with real names
// and account ids, for evidence a person can act on.
func (p *pair) real(side, s string) string {
	if !strings.Contains(s, "${") {
		return s
	}
	me, peer := p.envs[side], p.envs[other(side)]
	return strings.NewReplacer(
		normalize.TokenSelfAccount, me.AccountID, normalize.TokenPeerAccount, peer.AccountID,
		normalize.TokenEnv, me.Name, normalize.TokenPeerEnv, peer.Name,
	).Replace(s)
}

// newPair indexes both sides and reads their principals (see scanSide),
// one goroutine per side.
func newPair(st, pr *normalize.Environment) *pair {
	p := &pair{envs: map[string]*normalize.Environment{Staging: st, Production: pr}}
	var wg sync.WaitGroup
	for si := range sides {
		wg.Go(func() {
			p.indexKeys(si)
			p.scans[si] = p.scanSide(si)
		})
	}
	wg.Wait()
	return p
}

// keyed is a resource with its key in the environment.
type keyed struct {
	key string
	r   *normalize.Resource
}

// indexKeys buckets side si's resources by kind, and sorts the buckets of
// the kinds the trace walks (see traced) by key: the walks then need
// neither a sort nor a lookup by key.
func (p *pair) indexKeys(si int) {
	byKind := map[string][]keyed{}
	for k, r := range p.envs[sides[si]].Resources {
		if r != nil {
			byKind[r.Kind] = append(byKind[r.Kind], keyed{k, r})
		}
	}
	for kind, ks := range byKind {
		if traced[kind] {
			sortKeyed(ks)
		}
	}
	p.keys[si] = byKind
}

func sortKeyed(ks []keyed) {
	slices.SortFunc(ks, func(a, b keyed) int { return strings.Compare(a.key, b.key) })
}

// traced holds the kinds whose keys are sorted up front.
var traced = func() map[string]bool {
	m := map[string]bool{normalize.KindRole: true, normalize.KindUser: true}
	for k := range policyOf {
		m[k] = true
	}
	for _, k := range egressKinds {
		m[k] = true
	}
	return m
}()

// keysOf yields side's resources of the given kinds in key order,
// without joining the kinds' lists when they follow one another.
func (p *pair) keysOf(side string, kinds ...string) iter.Seq2[string, *normalize.Resource] {
	byKind := p.keys[sideIndex(side)]
	var lists [][]keyed
	seen := map[string]bool{}
	for _, k := range kinds {
		if !seen[k] && len(byKind[k]) > 0 {
			seen[k] = true
			l := byKind[k]
			if !traced[k] {
				l = slices.Clone(l)
				sortKeyed(l)
			}
			lists = append(lists, l)
		}
	}
	// Keys start with their kind, so the lists do not interleave: ordered
	// by their first keys, each ends before the next begins (checked).
	sort.Slice(lists, func(i, j int) bool { return lists[i][0].key < lists[j][0].key })
	for i := 1; i < len(lists); i++ {
		if prev := lists[i-1]; prev[len(prev)-1].key >= lists[i][0].key {
			var all []keyed
			for _, l := range lists {
				all = append(all, l...)
			}
			sortKeyed(all)
			lists = [][]keyed{all}
			break
		}
	}
	return func(yield func(string, *normalize.Resource) bool) {
		for _, l := range lists {
			for _, k := range l {
				if !yield(k.key, k.r) {
					return
				}
			}
		}
	}
}

func infoString(r *normalize.Resource, key string) string {
	s, _ := r.Info[key].(string)
	return s
}

// accountOf returns the account field of an ARN: the fifth of its
// colon-separated fields, "" when it is not an ARN (as strings.SplitN(arn,
// ":", 6) would tell, without the allocation).
func accountOf(arn string) string {
	if !strings.HasPrefix(arn, "arn:") {
		return ""
	}
	rest := arn[len("arn:"):]
	for range 3 { // partition, service, region
		i := strings.IndexByte(rest, ':')
		if i < 0 {
			return ""
		}
		rest = rest[i+1:]
	}
	i := strings.IndexByte(rest, ':')
	if i < 0 {
		return "" // fewer than six fields
	}
	return rest[:i]
}
