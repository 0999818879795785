// Package policies judges the differences between two canonical
// environments with Rego rules (built-in ones embedded in the binary and a
// team's own from --policy directories), turns them into scored findings,
// and applies waivers.
//
// It compiles the rules once and evaluates one prepared query per run with
// the input converted once. It must never re-normalize resources (normalize
// owns equivalence), never let a policy reach the network or the clock
// (rules read input.now), and never put times into a finding's id.
package policies

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/parity-sec/parity/diff"
	"github.com/parity-sec/parity/normalize"
)

// Options configure an Engine.
type Options struct {
	// PolicyDirs add user .rego modules with the built-in contract.
	PolicyDirs []string
	// Now is the evaluation time rules see as input.now; zero means the
	// wall clock at Evaluate.
	Now time.Time
	// KeyMaxAgeDays and KeyUnusedDays tune the access-key rules; zero
	// means 90.
	KeyMaxAgeDays, KeyUnusedDays int
	// Timeout bounds one evaluation; zero means DefaultTimeout. A rule
	// that runs longer fails the run with a TimeoutError, never hangs it.
	Timeout time.Duration
}

// DefaultTimeout is how long all rules together may take by default; the
// 50k-resource benchmark pair needs a few seconds.
const DefaultTimeout = 60 * time.Second

// TimeoutError says policy evaluation ran out of time and where it was.
type TimeoutError struct {
	Timeout time.Duration
	// Where is the rule file and line OPA was evaluating when it stopped,
	// or the query when OPA did not say.
	Where string
}

func (e *TimeoutError) Error() string {
	return fmt.Sprintf("policy evaluation exceeded --policy-timeout %s, in %s", e.Timeout, e.Where)
}

// DefaultKeyDays is the default for both access-key thresholds.
const DefaultKeyDays = 90

// Engine holds the compiled rules and the prepared query.
type Engine struct {
	opts     Options
	compiler *ast.Compiler // kept to find the slow rule after a timeout
	query    rego.PreparedEvalQuery
	rules    map[string]RuleInfo
}

// findingsQuery yields every finding with the package path it came from,
// so metadata can be attached by rule id.
const findingsQuery = "f := data.parity.rules[area][name].finding[_]"

// New loads, parses and compiles the built-in rules and those under
// opts.PolicyDirs once. A module that does not parse or compile, or a rule
// without valid METADATA, gives a one-line error naming file and line.
func New(ctx context.Context, opts Options) (*Engine, error) {
	if opts.KeyMaxAgeDays <= 0 {
		opts.KeyMaxAgeDays = DefaultKeyDays
	}
	if opts.KeyUnusedDays <= 0 {
		opts.KeyUnusedDays = DefaultKeyDays
	}
	mods, err := loadModules(opts.PolicyDirs, false)
	if err != nil {
		return nil, err
	}
	c, err := compile(mods)
	if err != nil {
		return nil, err
	}
	rules, err := collectRules(c, mods)
	if err != nil {
		return nil, err
	}
	pq, err := rego.New(
		rego.ParsedQuery(ast.MustParseBody(findingsQuery)),
		rego.Compiler(c),
	).PrepareForEval(ctx)
	if err != nil {
		return nil, fmt.Errorf("prepare policies: %w", oneLine(err))
	}
	return &Engine{opts: opts, compiler: c, query: pq, rules: rules}, nil
}

func compile(mods []module) (*ast.Compiler, error) {
	byName := make(map[string]*ast.Module, len(mods))
	for _, m := range mods {
		byName[m.name] = m.mod
	}
	c := newCompiler()
	if c.Compile(byName); c.Failed() {
		return nil, oneLine(c.Errors)
	}
	return c, nil
}

// Rules lists every rule with its metadata, sorted by category then id.
func (e *Engine) Rules() []RuleInfo { return sortedRules(e.rules) }

// Evaluate runs every rule once over the pair and its changes and returns
// the findings sorted by severity (most severe first), category, rule,
// resource and id. A nil d is computed here: rules judge the differ's
// verdicts, so there is one way to know what differs.
func (e *Engine) Evaluate(ctx context.Context, st, pr *normalize.Environment, d *diff.Result) ([]Finding, error) {
	if st == nil || pr == nil {
		return nil, errors.New("both environments are required")
	}
	// The paths are traced while the rest of the input is built: tracing
	// is the larger part of building the input and needs nothing else.
	traced := make(chan tracedPaths, 1)
	go func() { traced <- tracePaths(st, pr) }()
	if d == nil {
		d = diff.Compare(st, pr)
	}
	now := e.opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	in := buildInput(st, pr, d, now, params{KeyMaxAgeDays: e.opts.KeyMaxAgeDays, KeyUnusedDays: e.opts.KeyUnusedDays})
	t := <-traced
	if t.panicked != nil {
		panic(t.panicked) // on the caller's goroutine, as before tracing moved
	}
	in["paths"] = t.value
	return e.evaluate(ctx, in)
}

// evaluate runs the rules over a built input and converts their results.
func (e *Engine) evaluate(ctx context.Context, in map[string]any) ([]Finding, error) {
	// Lazy: each part is converted when a rule first reads it (see
	// resourcesValue and eval).
	v := ast.LazyObject(in)
	timeout := e.opts.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ectx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	rs, err := e.eval(ectx, v)
	if err != nil {
		if ctx.Err() == nil && errors.Is(ectx.Err(), context.DeadlineExceeded) {
			return nil, &TimeoutError{Timeout: timeout, Where: e.slowRule(ctx, v, timeout)}
		}
		return nil, fmt.Errorf("rego eval: %w", oneLine(err))
	}
	out := make([]Finding, 0, len(rs))
	seen := map[string]bool{}
	for _, r := range rs {
		area, _ := r.Bindings["area"].(string)
		name, _ := r.Bindings["name"].(string)
		info, ok := e.rules[area+"."+name]
		if !ok {
			continue // a helper package without a finding rule of its own
		}
		f, err := toFinding(info, r.Bindings["f"])
		if err != nil {
			return nil, err
		}
		if seen[f.ID] {
			continue
		}
		seen[f.ID] = true
		out = append(out, f)
	}
	SortFindings(out)
	return out, nil
}

// eval runs the prepared query. The input is converted as rules read it
// (resourcesValue), by ast.MustInterfaceToValue inside
// OPA, which panics on a value it cannot convert; normalize promises
// JSON-like values, but should one slip through, the run fails with an
// error instead of crashing. Maps are copied out of the results so a
// finding's evidence never aliases the environments' attrs.
func (e *Engine) eval(ctx context.Context, input ast.Value) (rs rego.ResultSet, err error) {
	defer func() {
		if r := recover(); r != nil {
			rs, err = nil, fmt.Errorf("policy input: %v", r)
		}
	}()
	return e.query.Eval(ctx, rego.EvalParsedInput(input), rego.EvalCopyMaps(true))
}

// slowRule names the rule that ran out of time. OPA's cancellation error
// says not where it stopped, and tracing every step would slow every run,
// so only after a timeout are the rules evaluated one by one (user rules
// first, the usual culprits) against a fresh budget of the same timeout;
// the rule running when it ends is named. A timed-out run therefore stops
// within twice --policy-timeout.
func (e *Engine) slowRule(ctx context.Context, input ast.Value, timeout time.Duration) string {
	rules := sortedRules(e.rules)
	sort.SliceStable(rules, func(i, j int) bool { return rules[i].Source == SourceUser && rules[j].Source != SourceUser })
	dctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	for _, r := range rules {
		area, name, _ := strings.Cut(r.ID, ".")
		q, err := rego.New(rego.ParsedQuery(ast.MustParseBody("x := data.parity.rules["+ast.StringTerm(area).String()+"]["+ast.StringTerm(name).String()+"].finding")),
			rego.Compiler(e.compiler)).PrepareForEval(dctx)
		if err != nil {
			break
		}
		if _, err := q.Eval(dctx, rego.EvalParsedInput(input)); err != nil && dctx.Err() != nil {
			return "rule " + r.ID + " (" + r.File + ")"
		}
	}
	return "query " + findingsQuery
}

// toFinding checks one rule result against the finding contract and
// attaches the rule's metadata.
func toFinding(info RuleInfo, raw any) (Finding, error) {
	obj, ok := raw.(map[string]any)
	if !ok {
		return Finding{}, fmt.Errorf("rule %s (%s): a finding must be an object, got %T", info.ID, info.File, raw)
	}
	res, _ := obj["resource"].(string)
	msg, _ := obj["message"].(string)
	if res == "" || msg == "" {
		return Finding{}, fmt.Errorf("rule %s (%s): a finding needs a non-empty resource and message", info.ID, info.File)
	}
	f := Finding{
		Rule: info.ID, Title: info.Title, Category: info.Category, Severity: info.Severity,
		Resource: res, Message: msg, Staging: obj["staging"], Production: obj["production"],
		Remediation: info.Remediation, References: info.References,
	}
	if s, ok := obj["severity"].(string); ok {
		if SeverityRank(s) == 0 {
			return Finding{}, fmt.Errorf("rule %s (%s): finding severity %q is not a severity", info.ID, info.File, s)
		}
		f.Severity = s
	}
	f.Kind, _ = obj["kind"].(string)
	if f.Kind == "" {
		// A canonical key starts with its kind. Reading it from the key
		// rather than the environments lets them be collected while the
		// rules run: on a large pair that is hundreds of megabytes.
		if k, _, ok := strings.Cut(res, "/"); ok && normalize.KindArea[k] != "" {
			f.Kind = k
		}
	}
	f.ID = findingID(f.Rule, f.Resource, f.Staging, f.Production)
	return f, nil
}

// findingID hashes what makes a finding: the rule, the resource and the
// evidence on both sides. encoding/json sorts map keys, so the JSON is
// canonical; messages (which may carry ages) are deliberately left out.
func findingID(rule, resource string, staging, production any) string {
	h := sha256.New()
	ev, _ := json.Marshal([]any{staging, production})
	fmt.Fprintf(h, "%s\x00%s\x00%s", rule, resource, ev)
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// SortFindings orders findings most severe first, then by category, rule,
// resource and id, so the engine's own output is deterministic. Reports use
// the run's order (run.SortFindings in reports/run), not this one.
func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if ra, rb := SeverityRank(a.Severity), SeverityRank(b.Severity); ra != rb {
			return ra > rb
		}
		if a.Category != b.Category {
			return a.Category < b.Category
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		if a.Resource != b.Resource {
			return a.Resource < b.Resource
		}
		return a.ID < b.ID
	})
}
