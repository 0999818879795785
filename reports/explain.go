package reports

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// Explain writes one finding in full for a person: what, where on both
// sides (real names, ARNs, accounts, the canonical key that paired them),
// each side's evidence and witness, the remediation, references and any
// waiver. Lines fit width (0 means DefaultWidth); evidence lines too long
// for it continue on the next line rather than being cut.
func Explain(w io.Writer, r *Report, f Finding, width int, color bool) error {
	if width <= 0 {
		width = DefaultWidth
	}
	p := &printer{color: color, width: max(width, minWidth)}
	sev := strings.ToUpper(shown(f.Severity))
	p.b.WriteString(p.paint(severityColor[f.Severity], sev))
	p.b.WriteString(cutEnd(fmt.Sprintf(" %s · %s · finding %s", shown(f.Rule), shown(findingArea(f)), shown(f.ID)), p.width-runeLen(sev)) + "\n")
	if f.Title != "" {
		p.wrap(ansiBold, shown(f.Title))
	}
	p.wrap("", shown(f.Message))
	switch {
	case f.Waived:
		p.wrap(ansiDim, shown(waivedNote(f)))
	case len(f.ExpiredWaivers) > 0:
		for _, ew := range f.ExpiredWaivers {
			p.wrap(ansiYellow, fmt.Sprintf("waiver expired %s (owner %s): %s", ew.Expires.Format("2006-01-02"), shown(ew.Owner), shown(ew.Reason)))
		}
	}

	p.blank()
	p.line(ansiBold, "RESOURCE")
	p.line("", "  paired by  "+shown(f.Resource))
	for _, s := range []Side{f.Names.Staging, f.Names.Production} {
		p.sideLines(s)
	}

	for _, side := range []struct {
		self, peer Side
		evidence   any
	}{{f.Names.Staging, f.Names.Production, f.Staging}, {f.Names.Production, f.Names.Staging, f.Production}} {
		if side.evidence == nil {
			continue
		}
		// Evidence is canonical; on one side, the account tokens have one
		// meaning, so they read as the real account ids.
		real := strings.NewReplacer("${self_account}", orDash(side.self.AccountID), "${peer_account}", orDash(side.peer.AccountID))
		p.blank()
		p.line(ansiBold, "EVIDENCE: "+strings.ToUpper(shown(envName(side.self.Environment, "side"))))
		for _, wit := range witnesses(side.evidence, nil) {
			p.hard("", "  witness: "+shown(real.Replace(compactValue("", wit))))
		}
		for _, l := range strings.Split(prettyJSON(side.evidence), "\n") {
			p.hard("", "  "+shown(real.Replace(l)))
		}
	}
	if f.Remediation != "" {
		p.blank()
		p.line(ansiBold, "REMEDIATION")
		p.wrap("", shown(f.Remediation))
	}
	if len(f.References) > 0 {
		p.blank()
		p.line(ansiBold, "REFERENCES")
		for _, ref := range f.References {
			p.hard("", "  "+shown(ref))
		}
	}
	_, err := w.Write(p.b.Bytes())
	return err
}

// sideLines prints one environment's identity of the resource.
func (p *printer) sideLines(s Side) {
	label := fmt.Sprintf("  %-10s ", shown(envName(s.Environment, "?")))
	if !s.Exists {
		p.line("", label+fmt.Sprintf("(absent) account %s", shown(s.AccountID)))
		return
	}
	p.line("", label+fmt.Sprintf("%s · account %s", shown(orDash(s.Name)), shown(s.AccountID)))
	if s.ARN != "" {
		p.hard("", strings.Repeat(" ", runeLen(label))+shown(s.ARN))
	}
}

// hard writes s over as many lines as its length needs, breaking
// anywhere: for JSON and ARNs, where every character counts.
func (p *printer) hard(code, s string) {
	r := []rune(s)
	for len(r) > p.width {
		p.line(code, string(r[:p.width]))
		r = append([]rune("    "), r[p.width:]...)
	}
	p.line(code, string(r))
}

// maxWitnesses bounds the witnesses Explain lists; the evidence below
// them is complete.
const maxWitnesses = 5

// witnesses collects the "witness" fields anywhere in evidence (a concrete
// request or packet the rule or the diff attached), in document order with
// map keys sorted, at most maxWitnesses.
func witnesses(v any, out []any) []any {
	if len(out) >= maxWitnesses {
		return out
	}
	switch t := v.(type) {
	case map[string]any:
		if w, ok := t["witness"]; ok {
			return append(out, w)
		}
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			out = witnesses(t[k], out)
		}
	case []any:
		for _, e := range t {
			out = witnesses(e, out)
		}
	}
	return out
}

// FindFinding returns the finding whose ID is id or starts with it; a
// prefix that matches several findings, or none, is an error naming them.
func FindFinding(r *Report, id string) (Finding, error) {
	id = strings.ToLower(strings.TrimSpace(id))
	if id == "" {
		return Finding{}, fmt.Errorf("no finding id given")
	}
	var matches []Finding
	for _, f := range r.Findings {
		if f.ID == id {
			return f, nil
		}
		if strings.HasPrefix(f.ID, id) {
			matches = append(matches, f)
		}
	}
	switch len(matches) {
	case 1:
		return matches[0], nil
	case 0:
		return Finding{}, fmt.Errorf("no finding with id %q (the table lists each finding's id)", id)
	}
	ids := make([]string, len(matches))
	for i, m := range matches {
		ids[i] = m.ID
	}
	return Finding{}, fmt.Errorf("id %q matches %d findings (%s); give more of it", id, len(matches), strings.Join(ids, ", "))
}
