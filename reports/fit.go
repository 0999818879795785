package reports

import (
	"strings"
	"unicode/utf8"

	"github.com/parity-sec/parity/reports/display"
)

// Width arithmetic for the terminal. A rune counts as one column: East
// Asian width is deliberately ignored so the same report has the same
// bytes under any locale (the old table pinned tablewriter's the same
// way); text from AWS is overwhelmingly ASCII.

func runeLen(s string) int { return utf8.RuneCountInString(s) }

// cutEnd keeps the start of s, for messages and sentences, whose first
// words carry the meaning.
func cutEnd(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if runeLen(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// cutMiddle keeps both ends of s, for names and ARNs, whose start says
// what it is and whose end says which one.
func cutMiddle(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if runeLen(s) <= n {
		return s
	}
	if n < 5 {
		return cutEnd(s, n)
	}
	r := []rune(s)
	head := (n - 1) / 2
	tail := n - 1 - head
	return string(r[:head]) + "…" + string(r[len(r)-tail:])
}

func padRight(s string, n int) string {
	if d := n - runeLen(s); d > 0 {
		return s + strings.Repeat(" ", d)
	}
	return s
}

// shown makes a string from a snapshot or a policy safe on one terminal
// line (display.Line): every string the table and Explain print that
// did not come from parity itself goes through it.
func shown(s string) string { return display.Line(s) }
