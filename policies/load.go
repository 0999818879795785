package policies

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// builtinFS holds the built-in rules, their tests and the shared library.
//
//go:embed builtin
var builtinFS embed.FS

// Sources of a rule, as `parity rules` shows them.
const (
	SourceBuiltin = "built-in"
	SourceUser    = "user"
)

// deniedBuiltins are Rego built-ins a policy may not call: evaluating a
// policy must never reach the network or read the host, whoever wrote it.
var deniedBuiltins = map[string]bool{
	"http.send": true, "net.lookup_ip_addr": true, "opa.runtime": true,
	// Findings must not depend on the clock or chance; rules read input.now.
	"time.now_ns": true, "rand.intn": true, "uuid.rfc4122": true,
}

// module is one parsed .rego file and where it came from.
type module struct {
	name   string // file name shown in errors
	source string // SourceBuiltin or SourceUser
	mod    *ast.Module
}

// loadModules parses the built-in modules and every .rego file under dirs.
// With tests false, *_test.rego files are skipped: the engine never
// compiles tests, `parity policy test` does.
func loadModules(dirs []string, tests bool) ([]module, error) {
	var out []module
	err := fs.WalkDir(builtinFS, "builtin", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !wantFile(p, tests) {
			return err
		}
		src, err := builtinFS.ReadFile(p)
		if err != nil {
			return err
		}
		m, err := parseModule(p, src)
		if err != nil {
			return err
		}
		out = append(out, module{name: p, source: SourceBuiltin, mod: m})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("built-in policies: %w", err)
	}
	for _, dir := range dirs {
		if st, err := os.Stat(dir); err != nil {
			return nil, fmt.Errorf("policy directory %s: %w", dir, unwrapPath(err))
		} else if !st.IsDir() {
			return nil, fmt.Errorf("policy directory %s: not a directory", dir)
		}
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !wantFile(p, tests) {
				return err
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			m, err := parseModule(p, src)
			if err != nil {
				return err
			}
			out = append(out, module{name: p, source: SourceUser, mod: m})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if err := checkReserved(out); err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, nil
}

// checkReserved refuses a user module that declares, or writes a rule into,
// a package of the built-ins: parity.lib or a built-in rule's package.
// Rego merges rules of one package across modules, so such a module could
// add a body to a library function ("covered(_, _) if true") or a rule
// and silently switch built-in findings off.
func checkReserved(mods []module) error {
	var reserved []ast.Ref
	for _, m := range mods {
		if m.source == SourceBuiltin && !strings.HasSuffix(m.name, "_test.rego") {
			reserved = append(reserved, m.mod.Package.Path)
		}
	}
	for _, m := range mods {
		if m.source != SourceUser {
			continue
		}
		type decl struct {
			ref ast.Ref
			loc *ast.Location
		}
		decls := []decl{{m.mod.Package.Path, m.mod.Package.Location}}
		for _, r := range m.mod.Rules {
			decls = append(decls, decl{m.mod.Package.Path.Extend(r.Head.Ref()), r.Location})
		}
		for _, d := range decls {
			ground := d.ref.GroundPrefix()
			for _, res := range reserved {
				// Into a reserved package, or a rule whose variable
				// key could reach one.
				if ground.HasPrefix(res) || (len(ground) < len(d.ref) && res.HasPrefix(ground)) {
					return fmt.Errorf("%s: package %s is reserved for parity's built-in rules; choose another name",
						locString(d.loc), strings.TrimPrefix(res.String(), "data."))
				}
			}
		}
	}
	return nil
}

func wantFile(p string, tests bool) bool {
	if !strings.HasSuffix(p, ".rego") {
		return false
	}
	return tests || !strings.HasSuffix(p, "_test.rego")
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func parseModule(name string, src []byte) (*ast.Module, error) {
	m, err := ast.ParseModuleWithOpts(name, string(src), ast.ParserOptions{
		ProcessAnnotation: true,
		RegoVersion:       ast.RegoV1,
	})
	if err != nil {
		return nil, oneLine(err)
	}
	return m, nil
}

// newCompiler returns a compiler that knows only the built-ins a policy may
// call; the tester and the engine share it so both reject the same modules.
func newCompiler() *ast.Compiler {
	caps := ast.CapabilitiesForThisVersion()
	kept := caps.Builtins[:0]
	for _, b := range caps.Builtins {
		if !deniedBuiltins[b.Name] {
			kept = append(kept, b)
		}
	}
	caps.Builtins = kept
	return ast.NewCompiler().
		WithCapabilities(caps).
		WithDefaultRegoVersion(ast.RegoV1)
}

// oneLine turns OPA's (possibly multi-error, multi-line) parse or compile
// error into "file:line: message", the form every user-facing error takes.
func oneLine(err error) error {
	var errs ast.Errors
	if !errors.As(err, &errs) || len(errs) == 0 {
		return errors.New(strings.ReplaceAll(err.Error(), "\n", " "))
	}
	sort.SliceStable(errs, func(i, j int) bool {
		a, b := errs[i].Location, errs[j].Location
		if a == nil || b == nil {
			return b == nil && a != nil
		}
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Row < b.Row
	})
	e := errs[0]
	msg := locString(e.Location) + ": " + strings.ReplaceAll(e.Message, "\n", " ")
	if len(errs) > 1 {
		msg += fmt.Sprintf(" (and %d more)", len(errs)-1)
	}
	return errors.New(msg)
}

func locString(l *ast.Location) string {
	if l == nil {
		return "policy"
	}
	return fmt.Sprintf("%s:%d", l.File, l.Row)
}
