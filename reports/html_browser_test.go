package reports

import (
	"context"
	"github.com/parity-sec/parity/collectors/snapshot/snapshottest/golden"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// chromiumPath is Debian's chromium package, which CI installs.
const chromiumPath = "/usr/bin/chromium"

// chromium loads file#fragment in headless Chromium and returns the DOM
// after the page's scripts ran, and Chromium's log (console messages and
// script errors). extra adds flags such as --screenshot.
func chromium(t *testing.T, file, fragment string, extra ...string) (dom, log string) {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		skipOrFail(t, "%s not found; install Debian's chromium package to run the browser check", chromiumPath)
	}
	// The deadline only stops a hung browser; nothing asserts on time.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	args := append([]string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir(), "--enable-logging=stderr", "--v=0",
	}, extra...)
	if len(extra) == 0 {
		args = append(args, "--dump-dom")
	}
	args = append(args, "file://"+file+fragment)
	cmd := exec.CommandContext(ctx, chromiumPath, args...)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	return stdout.String(), stderr.String()
}

func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// scriptProblems returns the log lines that show a broken page: uncaught
// script errors, and anything the Content-Security-Policy blocked, which is
// how an external asset would show up.
func scriptProblems(log string) []string {
	var out []string
	for _, line := range strings.Split(log, "\n") {
		if strings.Contains(line, "Uncaught") || strings.Contains(line, "Content Security Policy") || strings.Contains(line, "Refused to") {
			out = append(out, line)
		}
	}
	return out
}

var shownCount = regexp.MustCompile(`id="f-count">(\d+ of \d+ shown)<`)

func TestHTMLInBrowser(t *testing.T) {
	r := fixtureReport()
	file := writeTemp(t, "report.html", render(t, FormatHTML, Options{}, r))

	t.Run("renders", func(t *testing.T) {
		dom, log := chromium(t, file, "")
		if p := scriptProblems(log); len(p) > 0 {
			t.Errorf("script errors:\n%s", strings.Join(p, "\n"))
		}
		if !strings.Contains(dom, `data-ready="1"`) {
			t.Errorf("the page's script did not finish: no data-ready=\"1\" in the DOM")
		}
		for _, f := range r.Findings {
			if !strings.Contains(dom, `id="finding-`+f.ID+`"`) {
				t.Errorf("finding %s is not in the rendered DOM", f.ID)
			}
		}
		for _, want := range []string{"<polyline", "PARTIAL", "Gate failed", "tcp 22 from 0.0.0.0/0"} {
			if !strings.Contains(dom, want) {
				t.Errorf("rendered DOM lacks %q", want)
			}
		}
		if m := shownCount.FindStringSubmatch(dom); m == nil || m[1] != "7 of 7 shown" {
			t.Errorf("filter count = %v, want 7 of 7 shown", m)
		}
	})

	// The filters run in the browser: a preset from the URL hides findings.
	t.Run("filters", func(t *testing.T) {
		for _, tc := range []struct{ fragment, want string }{
			{"#sev=high", "2 of 7 shown"},
			{"#area=identity&waived=0", "2 of 7 shown"},
			{"#q=rotation", "1 of 7 shown"},
		} {
			dom, log := chromium(t, file, tc.fragment)
			if p := scriptProblems(log); len(p) > 0 {
				t.Errorf("%s: script errors:\n%s", tc.fragment, strings.Join(p, "\n"))
			}
			if m := shownCount.FindStringSubmatch(dom); m == nil || m[1] != tc.want {
				t.Errorf("%s: count = %v, want %s", tc.fragment, m, tc.want)
			}
		}
	})

	t.Run("empty report", func(t *testing.T) {
		dom, log := chromium(t, writeTemp(t, "empty.html", render(t, FormatHTML, Options{}, emptyReport())), "")
		if p := scriptProblems(log); len(p) > 0 {
			t.Errorf("script errors:\n%s", strings.Join(p, "\n"))
		}
		if !strings.Contains(dom, `data-ready="1"`) || !strings.Contains(dom, "No findings.") {
			t.Errorf("empty report did not render as expected")
		}
	})

	// The check must be able to fail: a page with a script error and an
	// external asset has to be caught.
	t.Run("detects broken pages", func(t *testing.T) {
		html := strings.Replace(string(render(t, FormatHTML, Options{}, emptyReport())), `document.body.setAttribute("data-ready", "1");`, `undefinedFunction();`, 1)
		html = strings.Replace(html, "</body>", `<img src="https://example.invalid/x.png"></body>`, 1)
		dom, log := chromium(t, writeTemp(t, "broken.html", []byte(html)), "")
		if strings.Contains(dom, `data-ready="1"`) {
			t.Error("broken page still set data-ready")
		}
		if !strings.Contains(log, "Uncaught") || !strings.Contains(log, "Content Security Policy") {
			t.Errorf("browser log did not show the script error and the refused image:\n%s", log)
		}
	})

	// go test ./reports -update also refreshes the README screenshot.
	if golden.Update() {
		shot, err := filepath.Abs(filepath.Join("testdata", "html-report.png"))
		if err != nil {
			t.Fatal(err)
		}
		chromium(t, file, "", "--screenshot="+shot, "--window-size=1280,1600", "--hide-scrollbars")
	}
}
