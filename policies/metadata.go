package policies

import (
	"fmt"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/parity-sec/parity/collectors/snapshot"
)

// RuleInfo is one rule's metadata, read from its METADATA annotations, as
// `parity rules` lists it.
type RuleInfo struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Category    string   `json:"category"`
	Severity    string   `json:"severity"` // default; a finding may raise or lower it
	Remediation string   `json:"remediation"`
	References  []string `json:"references,omitempty"`
	Source      string   `json:"source"` // built-in or user
	File        string   `json:"file"`
}

// rulesPrefix is the package prefix of every rule: data.parity.rules.<area>.<name>.
var rulesPrefix = ast.MustParseRef("data.parity.rules")

// collectRules finds every rule package in the compiled modules and reads
// its metadata through the compiler's annotation set, so an author writes
// title, severity and the rest once, in a METADATA block.
func collectRules(c *ast.Compiler, mods []module) (map[string]RuleInfo, error) {
	as := c.GetAnnotationSet()
	rules := map[string]RuleInfo{}
	builtinPkgs := map[string]bool{}
	for _, m := range mods {
		if m.source == SourceBuiltin {
			builtinPkgs[m.mod.Package.Path.String()] = true
		}
	}
	for _, m := range mods {
		path := m.mod.Package.Path
		if !path.HasPrefix(rulesPrefix) {
			continue
		}
		var findings []*ast.Rule
		for _, r := range m.mod.Rules {
			if r.Head.Name.String() == "finding" || r.Head.Ref().String() == "finding" {
				findings = append(findings, r)
			}
		}
		loc := locString(m.mod.Package.Location)
		if m.source == SourceUser && builtinPkgs[path.String()] {
			return nil, fmt.Errorf("%s: package %s is a built-in rule; choose another name", loc, path)
		}
		if len(findings) == 0 {
			continue
		}
		if len(path) != 5 {
			return nil, fmt.Errorf("%s: package %s: a rule's package must be parity.rules.<area>.<rule_name>", loc, strings.TrimPrefix(path.String(), "data."))
		}
		id := pathPart(path[3]) + "." + pathPart(path[4])
		info := RuleInfo{ID: id, Source: m.source, File: m.name}
		for _, r := range findings {
			for _, ref := range as.Chain(r) {
				mergeAnnotations(&info, ref.Annotations)
			}
		}
		if info.Category == "" {
			info.Category = pathPart(path[3])
		}
		if err := validateInfo(info); err != nil {
			return nil, fmt.Errorf("%s: rule %s: %w", loc, id, err)
		}
		if prev, ok := rules[id]; ok && prev.File != info.File {
			// Two files of one package: keep the first file's name but
			// the metadata merged across both.
			mergeInfo(&prev, info)
			info = prev
		}
		rules[id] = info
	}
	return rules, nil
}

func pathPart(t *ast.Term) string {
	if s, ok := t.Value.(ast.String); ok {
		return string(s)
	}
	return t.String()
}

func mergeAnnotations(info *RuleInfo, a *ast.Annotations) {
	if a == nil {
		return
	}
	setIfEmpty(&info.Title, a.Title)
	setIfEmpty(&info.Description, a.Description)
	setIfEmpty(&info.Category, customString(a, "category"))
	setIfEmpty(&info.Severity, customString(a, "severity"))
	setIfEmpty(&info.Remediation, customString(a, "remediation"))
	if len(info.References) == 0 {
		if refs, ok := a.Custom["references"].([]any); ok {
			for _, r := range refs {
				if s, ok := r.(string); ok {
					info.References = append(info.References, s)
				}
			}
		}
	}
}

func mergeInfo(dst *RuleInfo, src RuleInfo) {
	setIfEmpty(&dst.Title, src.Title)
	setIfEmpty(&dst.Description, src.Description)
	setIfEmpty(&dst.Remediation, src.Remediation)
	if len(dst.References) == 0 {
		dst.References = src.References
	}
}

func setIfEmpty(dst *string, v string) {
	if *dst == "" {
		*dst = strings.TrimSpace(v)
	}
}

func customString(a *ast.Annotations, key string) string {
	s, _ := a.Custom[key].(string)
	return s
}

func validateInfo(info RuleInfo) error {
	if info.Title == "" {
		return fmt.Errorf("METADATA title is required")
	}
	if SeverityRank(info.Severity) == 0 {
		return fmt.Errorf("METADATA custom.severity %q: want one of %s", info.Severity, strings.Join(Severities, ", "))
	}
	for _, a := range snapshot.Areas {
		if info.Category == a {
			return nil
		}
	}
	return fmt.Errorf("METADATA custom.category %q: want one of %s", info.Category, strings.Join(snapshot.Areas, ", "))
}

// sortedRules returns rules sorted by category (in report order), then id.
func sortedRules(m map[string]RuleInfo) []RuleInfo {
	out := make([]RuleInfo, 0, len(m))
	for _, r := range m {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		if ci, cj := areaRank(out[i].Category), areaRank(out[j].Category); ci != cj {
			return ci < cj
		}
		return out[i].ID < out[j].ID
	})
	return out
}

func areaRank(a string) int {
	for i, x := range snapshot.Areas {
		if x == a {
			return i
		}
	}
	return len(snapshot.Areas)
}
