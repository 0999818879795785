package policies

import (
	"fmt"
	"math/big"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/open-policy-agent/opa/v1/topdown/builtins"
)

// Memory. A Go process cannot cap the memory of one computation: OPA
// allocates on the shared heap, and a single built-in call such as
// numbers.range(1, 1e9) asks for tens of gigabytes at once, before any
// cancellation check, and the runtime dies with "fatal error: out of
// memory". The time limit (Options.Timeout) stops rules that loop; the
// built-ins that build a large value from a small call are bounded here
// instead. What remains (a rule that builds a huge value step by step) is
// stopped by the timeout unless it outruns the machine's memory first; the
// README's Security model says so.

// MaxRange is the most numbers numbers.range and numbers.range_step may
// produce. The built-in rules never need more than a few thousand.
const MaxRange = 1_000_000

// init replaces OPA's numbers.range and numbers.range_step, for every
// evaluation in this process, with versions that refuse more than MaxRange
// numbers with an error that stops the evaluation (a plain built-in error
// would only make the expression undefined, and a rule would silently find
// nothing).
func init() {
	topdown.RegisterBuiltinFunc(ast.NumbersRange.Name, func(_ topdown.BuiltinContext, ops []*ast.Term, iter func(*ast.Term) error) error {
		return boundedRange(ast.NumbersRange.Name, ops[0], ops[1], nil, iter)
	})
	topdown.RegisterBuiltinFunc(ast.NumbersRangeStep.Name, func(_ topdown.BuiltinContext, ops []*ast.Term, iter func(*ast.Term) error) error {
		return boundedRange(ast.NumbersRangeStep.Name, ops[0], ops[1], ops[2], iter)
	})
}

func boundedRange(name string, a, b, s *ast.Term, iter func(*ast.Term) error) error {
	x, err := builtins.BigIntOperand(a.Value, 1)
	if err != nil {
		return err
	}
	y, err := builtins.BigIntOperand(b.Value, 2)
	if err != nil {
		return err
	}
	step := big.NewInt(1)
	if s != nil {
		if step, err = builtins.BigIntOperand(s.Value, 3); err != nil {
			return err
		}
		if step.Sign() <= 0 {
			return builtins.NewOperandErr(3, "step must be a positive integer")
		}
	}
	span := new(big.Int).Sub(y, x)
	n := new(big.Int).Quo(new(big.Int).Abs(span), step)
	if n.Cmp(big.NewInt(MaxRange-1)) > 0 {
		return topdown.Halt{Err: &topdown.Error{Code: topdown.BuiltinErr,
			Message: fmt.Sprintf("%s: more than %d numbers; parity bounds ranges so a policy cannot exhaust memory", name, MaxRange)}}
	}
	if span.Sign() < 0 {
		step = new(big.Int).Neg(step)
	}
	terms := make([]*ast.Term, 0, n.Int64()+1)
	i := new(big.Int).Set(x)
	for range n.Int64() + 1 {
		if i.IsInt64() {
			terms = append(terms, ast.InternedTerm(int(i.Int64())))
		} else {
			terms = append(terms, ast.NewTerm(builtins.IntToNumber(new(big.Int).Set(i))))
		}
		i.Add(i, step)
	}
	return iter(ast.ArrayTerm(terms...))
}
