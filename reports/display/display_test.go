package display

import (
	"testing"
	"unicode"
)

func TestLineAndText(t *testing.T) {
	tests := []struct {
		name, in, line, text string
	}{
		{"plain", "payments-api-${env}", "payments-api-${env}", "payments-api-${env}"},
		{"unicode letters stay", "zürich-ü-日本", "zürich-ü-日本", "zürich-ü-日本"},
		{"esc sequence", "a\x1b]0;pwned\x07b", `a\x1b]0;pwned\x07b`, `a\x1b]0;pwned\x07b`},
		{"c1 csi", "a\u009b2Kb", `a\x9b2Kb`, `a\x9b2Kb`},
		{"del", "a\x7fb", `a\x7fb`, `a\x7fb`},
		{"bidi override", "abc\u202edef", `abc\u202edef`, `abc\u202edef`},
		{"bidi isolate", "\u2066x\u2069", `\u2066x\u2069`, `\u2066x\u2069`},
		{"zero width and bom", "a\u200bb\ufeff", `a\u200bb\ufeff`, `a\u200bb\ufeff`},
		{"cr starts a line", "x\r::error title=forged::ok", `x\x0d::error title=forged::ok`, `x\x0d::error title=forged::ok`},
		{"newline and tab", "a\nb\tc", `a\x0ab\x09c`, "a\nb\tc"},
		{"line separator", "a\u2028b", `a\u2028b`, `a\u2028b`},
		{"invalid utf8", "a\xffb", `a\xffb`, `a\xffb`},
		{"tag character", "a\U000E0041", `a\U000e0041`, `a\U000e0041`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Line(tt.in); got != tt.line {
				t.Errorf("Line(%q) = %q, want %q", tt.in, got, tt.line)
			}
			if got := Text(tt.in); got != tt.text {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.text)
			}
		})
	}
}

// TestNoUnsafeRuneSurvives checks every rune of the BMP and the planes with
// format characters: nothing invisible or controlling survives Line.
func TestNoUnsafeRuneSurvives(t *testing.T) {
	for r := rune(0); r <= 0xE0FFF; r++ {
		out := Line(string(r))
		for _, o := range out {
			if o < 0x20 || o == 0x7f || (o >= 0x80 && o <= 0x9f) || unicode.Is(unicode.Cf, o) || o == '\u2028' || o == '\u2029' {
				t.Fatalf("Line(%U) = %q keeps %U", r, out, o)
			}
		}
	}
}

func FuzzLine(f *testing.F) {
	f.Add("a\x1b[2Jb\u202e\r\n")
	f.Fuzz(func(t *testing.T, s string) {
		for _, o := range Line(s) {
			if o < 0x20 || o == 0x7f || (o >= 0x80 && o <= 0x9f) || unicode.Is(unicode.Cf, o) {
				t.Fatalf("Line(%q) keeps %U", s, o)
			}
		}
	})
}
