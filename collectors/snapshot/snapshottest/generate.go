package snapshottest

import (
	"math/rand/v2"
	"time"

	"github.com/parity-sec/parity/collectors/snapshot"
)

// Environment names and accounts of every generated pair.
const (
	StagingEnv        = "staging"
	ProductionEnv     = "production"
	StagingAccount    = "111111111111"
	ProductionAccount = "222222222222"
	// partnerAccount is a third party trusted by a few roles in both environments.
	partnerAccount = "444455556666"
)

// Regions are the two regions every generated snapshot covers.
var Regions = []string{"us-east-1", "eu-west-1"}

// Rates of drift and textual rewrites per resource. Drift is what a diff
// must report; a rewrite changes only the spelling and must report nothing.
const (
	DriftRate   = 0.02
	RewriteRate = 0.10
)

// baseTime anchors every generated timestamp so output never depends on the clock.
var baseTime = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

// env is what differs between the two renderings of one resource.
type env struct {
	name, account, peer string
	salt                uint64 // makes generated ids differ per environment
}

var (
	stagingEnv    = env{name: StagingEnv, account: StagingAccount, peer: ProductionAccount, salt: 0x5157}
	productionEnv = env{name: ProductionEnv, account: ProductionAccount, peer: StagingAccount, salt: 0x9d0c}
)

// Generate returns a synthetic pair with n resources per environment (a few
// fewer on one side where drift removes a resource). The same n and seed
// always give the same pair.
func Generate(n int, seed int64) (staging, production *snapshot.Snapshot) {
	g := newGen(n, seed, DriftRate, RewriteRate)
	return g.snapshot(stagingEnv), g.snapshot(productionEnv)
}

// gen holds the per-kind counts; every resource is then a pure function of
// (seed, kind, index, env), rendered once per environment.
type gen struct {
	seed                   int64
	driftRate, rewriteRate float64
	counts                 [numKinds]int
}

func (g *gen) snapshot(e env) *snapshot.Snapshot {
	s := &snapshot.Snapshot{
		SchemaVersion: snapshot.SchemaVersion,
		Environment:   e.name,
		AccountID:     e.account,
		Regions:       append([]string(nil), Regions...),
		CollectedAt:   baseTime,
		ToolVersion:   "parity snapshottest",
		Coverage:      coverage(),
	}
	g.identity(s, e)
	g.secrets(s, e)
	g.logging(s, e)
	g.network(s, e)
	return s
}

func coverage() []snapshot.Coverage {
	out := []snapshot.Coverage{{Service: "iam", Region: "global", Status: snapshot.CoverageOK}}
	for _, svc := range []string{"cloudtrail", "ec2", "kms", "logs", "secretsmanager", "ssm"} {
		for _, r := range Regions {
			out = append(out, snapshot.Coverage{Service: svc, Region: r, Status: snapshot.CoverageOK})
		}
	}
	return out
}

// variant is drawn first for every resource, from the resource's own
// random stream, so both renderings agree on it.
type variant struct {
	drift   bool
	which   int    // which drift of the kind's list
	rewrite uint32 // bit set of textual rewrites applied to production
}

func (v variant) rw(bit uint32, e env) bool {
	return e.name == ProductionEnv && v.rewrite&bit != 0
}

// stream returns the random stream of one resource and its variant; both
// renderings call it and get the same draws.
func (g *gen) stream(k kind, j int, drifts int) (*rand.Rand, variant) {
	r := rand.New(rand.NewPCG(uint64(g.seed), uint64(k)<<32|uint64(j)))
	var v variant
	if r.Float64() < g.driftRate && drifts > 0 {
		v.drift = true
	}
	v.which = r.IntN(max(drifts, 1))
	if r.Float64() < g.rewriteRate {
		v.rewrite = r.Uint32() | 1 // at least one rewrite
	} else {
		r.Uint32() // keep the stream aligned whatever the outcome
	}
	return r, v
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func ts(days int) *time.Time {
	t := baseTime.AddDate(0, 0, -days)
	return &t
}
