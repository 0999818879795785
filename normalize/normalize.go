package normalize

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/parity-sec/parity/collectors/snapshot"
	"github.com/parity-sec/parity/normalize/netsem"
)

// NotAPairError says the two snapshots are of the same environment or
// account, so there is nothing to compare; the CLI names both files.
type NotAPairError struct{ Reason string }

func (e *NotAPairError) Error() string { return e.Reason }

// Pair normalizes a staging and a production snapshot against each other.
// Each side needs the other's name and account id so that a reference across
// the environment boundary stays visible as ${peer_account} or ${peer_env}.
func Pair(staging, production *snapshot.Snapshot, cfg Config) (st, pr *Environment, err error) {
	if staging == nil || production == nil {
		return nil, nil, errors.New("pair: both snapshots are required")
	}
	if strings.EqualFold(staging.Environment, production.Environment) {
		return nil, nil, &NotAPairError{fmt.Sprintf("both snapshots are of environment %q: give one staging and one production snapshot", staging.Environment)}
	}
	if staging.AccountID != "" && staging.AccountID == production.AccountID {
		return nil, nil, &NotAPairError{fmt.Sprintf("both snapshots are of account %s: give one snapshot per environment", staging.AccountID)}
	}
	// The two sides are independent; on a multi-core machine this halves
	// the wall time of the most expensive stage.
	var prErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		pr, prErr = Normalize(production, staging, cfg)
	}()
	st, err = Normalize(staging, production, cfg)
	<-done
	if err != nil {
		return nil, nil, err
	}
	if prErr != nil {
		return nil, nil, prErr
	}
	mirror(st, pr)
	mirror(pr, st)
	return st, pr, nil
}

// Normalize canonicalizes s. peer may be nil when s is examined alone.
func Normalize(s, peer *snapshot.Snapshot, cfg Config) (*Environment, error) {
	var peerEnv, peerAccount string
	if peer != nil {
		peerEnv, peerAccount = peer.Environment, peer.AccountID
	}
	b := &builder{
		cfg:    cfg,
		tok:    newTokenizer(s.Environment, peerEnv, s.AccountID, peerAccount, cfg.Aliases),
		claims: map[string][]*Resource{},
		docs:   map[snapshot.Document]*doc{},
		comp:   &compiler{cache: map[string]compiled{}},
		tuples: map[netsem.Tuple]map[string]any{},
		lower:  lowered{},
		env: &Environment{
			Name: s.Environment, AccountID: s.AccountID, Regions: s.Regions,
			CollectedAt: s.CollectedAt, ToolVersion: s.ToolVersion, Coverage: s.Coverage,
			Resources: make(map[string]*Resource, estimate(s)),
		},
	}
	b.env.tok = b.tok
	b.kms = newKeyIndex(s.Secrets.KMSKeys, b.tok)
	stableARNs(s, b.tok.arns)
	// After stableARNs, which the memo's answers depend on; about one
	// ARN per resource.
	b.tok.memo = make(map[string]string, estimate(s))
	defer func() { b.tok.memo = nil }()
	steps := []func(*snapshot.Snapshot) error{b.identity, b.secrets, b.logging, b.network}
	for _, step := range steps {
		if err := step(s); err != nil {
			return nil, &EnvError{Environment: s.Environment, Err: err}
		}
	}
	b.resolveTwins()
	return b.env, nil
}

type builder struct {
	cfg Config
	tok *tokenizer
	// claims lists, for each contested canonical key, every resource that
	// maps to it; resolveTwins settles them once all are known.
	claims map[string][]*Resource
	kms    *keyIndex
	env    *Environment
	docs   map[snapshot.Document]*doc
	comp   *compiler
	// tuples holds the one shared Attrs value of each packet tuple.
	tuples map[netsem.Tuple]map[string]any
	lower  lowered
}

// add registers a resource under a unique key built from kind, region and
// the canonical name.
func (b *builder) add(kind, region, name string, attrs, info map[string]any) *Resource {
	if region == "" {
		region = GlobalRegion
	}
	key := kind + "/" + region + "/" + name
	r := &Resource{Key: key, Kind: kind, Area: KindArea[kind], Region: region, Name: name, Attrs: attrs, Info: info}
	if first, taken := b.env.Resources[key]; taken {
		if len(b.claims[key]) == 0 {
			b.claims[key] = []*Resource{first}
		}
		b.claims[key] = append(b.claims[key], r)
		return r
	}
	b.env.Resources[key] = r
	return r
}

func estimate(s *snapshot.Snapshot) int {
	id, se, lg, nw := s.Identity, s.Secrets, s.Logging, s.Network
	return len(id.Roles) + len(id.Users) + len(id.Groups) + len(id.Policies) + len(id.OIDCProviders) +
		len(id.SAMLProviders) + len(id.InstanceProfiles) + len(se.Secrets) + len(se.Parameters) +
		len(se.KMSKeys) + len(lg.Trails) + len(lg.LogGroups) + len(lg.FlowLogs) + len(lg.Destinations) + len(nw.VPCs) +
		len(nw.SecurityGroups) + len(nw.NetworkACLs)
}

func timeValue(t *time.Time) any {
	if t == nil || t.IsZero() {
		return nil
	}
	return t.UTC().Format(time.RFC3339)
}

// info builds an Info map, leaving out empty values so evidence stays short.
func info(kv ...any) map[string]any {
	m := make(map[string]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		v := kv[i+1]
		switch t := v.(type) {
		case nil:
			continue
		case string:
			if t == "" {
				continue
			}
		case []any:
			if len(t) == 0 {
				continue
			}
		}
		m[kv[i].(string)] = v
	}
	return m
}

// EnvError says which environment's snapshot holds bad content, so the CLI
// can name the file it came from.
type EnvError struct {
	Environment string
	Err         error
}

func (e *EnvError) Error() string { return "environment " + e.Environment + ": " + e.Err.Error() }
func (e *EnvError) Unwrap() error { return e.Err }
