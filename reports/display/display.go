// Package display makes hostile strings safe to show to a person: in a
// terminal, a CI log, a pull-request comment. Every human-facing renderer
// passes snapshot-derived text through it.
//
// It escapes what a reader cannot see or what a terminal or log parser
// would act on: C0 controls, DEL, C1 controls (U+009B is a one-byte CSI),
// bidirectional controls, other invisible format characters (Unicode
// category Cf, e.g. U+200B, U+FEFF), line and paragraph separators, and
// bytes that are not UTF-8. An escaped character is shown as Go would
// quote it (`\x1b`, `\u202e`), so the reader still sees that it is there.
//
// It must never be used for machine formats (JSON, SARIF, JUnit): those
// keep the exact string, encoded by their own encoders.
package display

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Line escapes s for a single-line context (a table cell, the gate's last
// line, one line on stderr): newline, carriage return and tab are escaped
// too, so no value can start a line of its own (a GitHub Actions runner
// reads a line starting with "::error" as a workflow command).
func Line(s string) string { return escape(s, false) }

// Text escapes s for a multi-line context: newline and tab are kept, every
// other control is escaped (a carriage return could overwrite what came
// before it on the same line).
func Text(s string) string { return escape(s, true) }

// Lines applies Line to each string, for a table row.
func Lines(ss ...string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = Line(s)
	}
	return out
}

func escape(s string, multiline bool) string {
	if clean(s, multiline) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case multiline && (r == '\n' || r == '\t'):
			b.WriteRune(r)
		case unsafeRune(r):
			b.WriteString(quote(r))
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// clean reports whether s needs no escaping, so the common case allocates
// nothing.
func clean(s string, multiline bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return cleanSlow(s[i:], multiline)
		}
		if c < 0x20 || c == 0x7f {
			if !multiline || (c != '\n' && c != '\t') {
				return false
			}
		}
	}
	return true
}

func cleanSlow(s string, multiline bool) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return false
		}
		if unsafeRune(r) && !(multiline && (r == '\n' || r == '\t')) {
			return false
		}
		i += size
	}
	return true
}

// unsafeRune is every rune a reader cannot see or a terminal acts on.
// Bidi controls (U+202A–U+202E, U+2066–U+2069) and zero-width characters
// are in category Cf; U+2028 and U+2029 end a line in some viewers.
func unsafeRune(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) ||
		unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029'
}

func quote(r rune) string {
	switch {
	case r < 0x100:
		return fmt.Sprintf(`\x%02x`, r)
	case r < 0x10000:
		return fmt.Sprintf(`\u%04x`, r)
	}
	return fmt.Sprintf(`\U%08x`, r)
}
