package iameval

import (
	"reflect"
	"sort"
	"strings"
	"sync"
)

// Catalog is the universe of IAM actions: normalize/iamcatalog in
// production, a handful of actions in tests. Actions spell names as AWS
// does; matching is case-insensitive.
type Catalog interface {
	Services() []string
	Actions(prefix string) []string
}

var (
	defaultMu  sync.RWMutex
	defaultCat Catalog = emptyCatalog{}
)

// DefaultCatalog is the catalog Compile uses.
func DefaultCatalog() Catalog {
	defaultMu.RLock()
	defer defaultMu.RUnlock()
	return defaultCat
}

// SetDefaultCatalog replaces the catalog Compile uses; for wiring only.
func SetDefaultCatalog(c Catalog) {
	defaultMu.Lock()
	defer defaultMu.Unlock()
	defaultCat = c
}

type emptyCatalog struct{}

func (emptyCatalog) Services() []string      { return nil }
func (emptyCatalog) Actions(string) []string { return nil }

// universe is a catalog flattened once for matching.
type universe struct {
	svcs     []svc
	byPrefix map[string]int
	total    int
}

type svc struct {
	prefix  string
	lower   []string // "s3:getobject"
	display []string // "s3:GetObject"
	index   map[string]int
	order   []int32 // action indexes sorted by lower, then display name: the order of Delta.Actions
}

var universes sync.Map // Catalog -> *universe

func universeOf(c Catalog) *universe {
	cacheable := c != nil && reflect.TypeOf(c).Comparable()
	if cacheable {
		if u, ok := universes.Load(c); ok {
			return u.(*universe)
		}
	}
	u := &universe{byPrefix: map[string]int{}}
	if c != nil {
		prefixes := append([]string(nil), c.Services()...)
		for i := range prefixes {
			prefixes[i] = strings.ToLower(prefixes[i])
		}
		sort.Strings(prefixes)
		for _, pre := range prefixes {
			if _, dup := u.byPrefix[pre]; dup {
				continue
			}
			s := svc{prefix: pre, index: map[string]int{}}
			for _, a := range c.Actions(pre) {
				s.display = append(s.display, pre+":"+a)
				s.lower = append(s.lower, pre+":"+strings.ToLower(a))
				s.index[s.lower[len(s.lower)-1]] = len(s.lower) - 1
			}
			s.order = make([]int32, len(s.lower))
			for i := range s.order {
				s.order[i] = int32(i)
			}
			sort.Slice(s.order, func(i, j int) bool {
				x, y := s.order[i], s.order[j]
				if s.lower[x] != s.lower[y] {
					return s.lower[x] < s.lower[y]
				}
				return s.display[x] < s.display[y]
			})
			u.byPrefix[pre] = len(u.svcs)
			u.svcs = append(u.svcs, s)
			u.total += len(s.lower)
		}
	}
	if cacheable {
		v, _ := universes.LoadOrStore(c, u)
		return v.(*universe)
	}
	return u
}

// actionPattern is one lower-case action pattern prepared for the
// per-service index: most patterns name their service literally, so only
// that service's actions are ever tested against them.
type actionPattern struct {
	text       string
	universal  bool   // matches every catalog action ("*", "*:*")
	service    string // literal service prefix, or "" when the service part has wildcards
	svcText    string // the service part when it has wildcards
	noColon    bool   // no ':' at all: tested against whole action names
	lit        bool   // no wildcard: found by name, not matched
	prefixOnly bool   // the one wildcard is a final '*'
}

func newActionPattern(p string) actionPattern {
	ap := actionPattern{text: p}
	ap.lit = !strings.ContainsAny(p, "*?")
	ap.prefixOnly = p != "" && strings.IndexAny(p, "*?") == len(p)-1 && p[len(p)-1] == '*'
	sp, act, ok := strings.Cut(p, ":")
	// Universal means the pattern matches every "service:action": only
	// stars, or stars on both sides of the colon. "", ":" and "*:" have an
	// empty part and match no action, as Decide finds.
	allStars := func(s string) bool { return s != "" && strings.Trim(s, "*") == "" }
	switch {
	case allStars(p) || (ok && allStars(sp) && allStars(act)):
		ap.universal = true
	case !ok:
		ap.noColon = true
	case !strings.ContainsAny(sp, "*?"):
		ap.service = sp
	default:
		ap.svcText = sp
	}
	return ap
}

// servicesFor lists the indexes of the services whose actions the pattern
// may match.
func (u *universe) servicesFor(ap *actionPattern) []int {
	if ap.service != "" {
		if i, ok := u.byPrefix[ap.service]; ok {
			return []int{i}
		}
		return nil
	}
	var out []int
	for i, s := range u.svcs {
		if ap.universal || ap.noColon || wildMatch(ap.svcText, s.prefix) {
			out = append(out, i)
		}
	}
	return out
}

// known reports whether a pattern matches at least one catalog action.
func (u *universe) known(p string) bool {
	// A literal with a service names one action: newActionPattern would
	// find the service by name and the action in its index.
	if svc, _, ok := strings.Cut(p, ":"); ok && svc != "" && !strings.ContainsAny(p, "*?") {
		si, ok := u.byPrefix[svc]
		if !ok {
			return false
		}
		_, ok = u.svcs[si].index[p]
		return ok
	}
	ap := newActionPattern(p)
	if ap.service != "" {
		// servicesFor's one service, without building the list.
		si, ok := u.byPrefix[ap.service]
		return ok && u.knownIn(&ap, si)
	}
	for _, si := range u.servicesFor(&ap) {
		if u.knownIn(&ap, si) {
			return true
		}
	}
	return false
}

func (u *universe) knownIn(ap *actionPattern, si int) bool {
	if ap.lit {
		_, ok := u.svcs[si].index[ap.text]
		return ok
	}
	for _, a := range u.svcs[si].lower {
		if ap.universal || wildMatch(ap.text, a) {
			return true
		}
	}
	return false
}
