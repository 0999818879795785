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
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/parity-sec/parity/diff"
	"github.com/parity-sec/parity/diff/crossing"
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

// Engine holds the compiled rules and one prepared query per rule.
type Engine struct {
	opts    Options
	queries []ruleQuery // sorted by package path
	rules   map[string]RuleInfo
}

// ruleQuery yields one rule's findings: f := data.parity.rules.<area>.<name>.finding[_].
// One query per rule, rather than one over data.parity.rules[area][name],
// lets the rules run in parallel and names the rule that runs out of time.
type ruleQuery struct {
	info  RuleInfo
	query rego.PreparedEvalQuery
}

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
	qs, err := prepareRules(ctx, c, mods, rules)
	if err != nil {
		return nil, fmt.Errorf("prepare policies: %w", oneLine(err))
	}
	return &Engine{opts: opts, queries: qs, rules: rules}, nil
}

// prepareRules prepares the query of every rule package in rules, in
// package path order.
func prepareRules(ctx context.Context, c *ast.Compiler, mods []module, rules map[string]RuleInfo) ([]ruleQuery, error) {
	byPath := map[string]RuleInfo{}
	for _, m := range mods {
		path := m.mod.Package.Path
		if !path.HasPrefix(rulesPrefix) || len(path) != 5 {
			continue
		}
		if info, ok := rules[pathPart(path[3])+"."+pathPart(path[4])]; ok {
			byPath[path.String()] = info
		}
	}
	paths := make([]string, 0, len(byPath))
	for p := range byPath {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	qs := make([]ruleQuery, 0, len(paths))
	for _, p := range paths {
		body, err := ast.ParseBody("f := " + p + ".finding[_]")
		if err != nil {
			return nil, err
		}
		pq, err := rego.New(rego.ParsedQuery(body), rego.Compiler(c)).PrepareForEval(ctx)
		if err != nil {
			return nil, err
		}
		qs = append(qs, ruleQuery{info: byPath[p], query: pq})
	}
	return qs, nil
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
	// needs nothing else.
	paths := TraceAsync(st, pr)
	if d == nil {
		d = diff.Compare(st, pr)
	}
	return e.evaluateTraced(ctx, st, pr, d, paths)
}

// EvaluateTraced is Evaluate with the paths between the environments
// already traced (paths is crossing.Trace(st, pr); nil traces them here),
// so that a caller can trace them while it diffs: both stages read the
// environments only.
func (e *Engine) EvaluateTraced(ctx context.Context, st, pr *normalize.Environment, d *diff.Result, paths *crossing.Result) ([]Finding, error) {
	if st == nil || pr == nil {
		return nil, errors.New("both environments are required")
	}
	if paths == nil {
		paths = crossing.Trace(st, pr)
	}
	if d == nil {
		d = diff.Compare(st, pr)
	}
	return e.evaluateTraced(ctx, st, pr, d, func() *crossing.Result { return paths })
}

// evaluateTraced builds the input, waits for the paths (a TraceAsync
// wait, or the paths given) and runs the rules.
func (e *Engine) evaluateTraced(ctx context.Context, st, pr *normalize.Environment, d *diff.Result, paths func() *crossing.Result) ([]Finding, error) {
	now := e.opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	in := buildInput(st, pr, d, now, params{KeyMaxAgeDays: e.opts.KeyMaxAgeDays, KeyUnusedDays: e.opts.KeyUnusedDays})
	in["paths"] = plain(paths())
	return e.evaluate(ctx, in)
}

// evaluate runs the rules over a built input, GOMAXPROCS rules at a time,
// and converts their results.
func (e *Engine) evaluate(ctx context.Context, in map[string]any) ([]Finding, error) {
	timeout := e.opts.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ectx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	found := make([][]Finding, len(e.queries))
	errs := make([]error, len(e.queries))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(e.queries)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Each worker has its own view of the input: a lazy object
			// caches what it converted without locking (resourcesValue).
			input := ast.LazyObject(in)
			for i := int(next.Add(1) - 1); i < len(e.queries); i = int(next.Add(1) - 1) {
				found[i], errs[i] = e.evalRule(ectx, e.queries[i], input)
			}
		}()
	}
	wg.Wait()
	if ctx.Err() == nil && errors.Is(ectx.Err(), context.DeadlineExceeded) {
		return nil, &TimeoutError{Timeout: timeout, Where: e.slowRule(ctx, ast.LazyObject(in), timeout)}
	}
	n := 0
	for i, err := range errs {
		if err != nil {
			return nil, err
		}
		n += len(found[i])
	}
	out := make([]Finding, 0, n)
	for _, fs := range found {
		out = append(out, fs...)
	}
	SortFindings(out)
	return out, nil
}

// evalRule runs one rule's query and converts its findings, each once by
// id (the id hashes rule, resource and evidence; the message may differ).
func (e *Engine) evalRule(ctx context.Context, q ruleQuery, input ast.Value) ([]Finding, error) {
	rs, err := e.eval(ctx, q.query, input)
	if err != nil {
		return nil, fmt.Errorf("rego eval: %w", oneLine(err))
	}
	out := make([]Finding, 0, len(rs))
	seen := make(map[string]bool, len(rs))
	for _, r := range rs {
		f, err := toFinding(q.info, r.Bindings["f"])
		if err != nil {
			return nil, err
		}
		if seen[f.ID] {
			continue
		}
		seen[f.ID] = true
		out = append(out, f)
	}
	return out, nil
}

// eval runs a prepared query. The input is converted as rules read it
// (resourcesValue), by ast.MustInterfaceToValue inside OPA, which panics
// on a value it cannot convert; normalize promises JSON-like values, but
// should one slip through, the run fails with an error instead of
// crashing. Maps are copied out of the results so a finding's evidence
// never aliases the environments' attrs.
func (e *Engine) eval(ctx context.Context, q rego.PreparedEvalQuery, input ast.Value) (rs rego.ResultSet, err error) {
	defer func() {
		if r := recover(); r != nil {
			rs, err = nil, fmt.Errorf("policy input: %v", r)
		}
	}()
	return q.Eval(ctx, rego.EvalParsedInput(input), rego.EvalCopyMaps(true))
}

// slowRule names the rule that ran out of time. OPA's cancellation error
// says not where it stopped, and tracing every step would slow every run,
// so only after a timeout are the rules evaluated one by one (user rules
// first, the usual culprits) against a fresh budget of the same timeout;
// the rule running when it ends is named. A timed-out run therefore stops
// within twice --policy-timeout.
func (e *Engine) slowRule(ctx context.Context, input ast.Value, timeout time.Duration) string {
	qs := slices.Clone(e.queries)
	sort.SliceStable(qs, func(i, j int) bool { return qs[i].info.Source == SourceUser && qs[j].info.Source != SourceUser })
	dctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	for _, q := range qs {
		if _, err := e.eval(dctx, q.query, input); err != nil && dctx.Err() != nil {
			return "rule " + q.info.ID + " (" + q.info.File + ")"
		}
	}
	return "the rules as a whole"
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
