package collectors

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/term"
)

// Progress hears about each service×region collection. Implementations must
// be safe for concurrent use: collections run in parallel.
type Progress interface {
	Start(service, region string)
	Done(service, region string, count int, err error)
}

var (
	_ Progress = (*lineProgress)(nil)
	_ Progress = (*terminalProgress)(nil)
	_ finisher = (*terminalProgress)(nil)
)

// finisher is implemented by progress displays that must clean up once
// collection ends (the terminal one ends its status line).
type finisher interface{ Finish() }

// Escape makes text AWS returned (an error message may quote a resource
// name, which staging's owners chose) safe to print: the caller passes the
// reports' display sanitizer (reports/display.Line), which this stage may
// not import. Nil prints such text as a quoted Go string, which is safe but
// less readable.
type Escape func(string) string

func (e Escape) apply(s string) string {
	if e == nil {
		return strconv.Quote(s)
	}
	return e(s)
}

// NewLineProgress logs one line per finished collection, for logs and CI.
func NewLineProgress(w io.Writer, escape Escape) Progress {
	return &lineProgress{w: w, escape: escape}
}

type lineProgress struct {
	mu     sync.Mutex
	w      io.Writer
	escape Escape
}

func (p *lineProgress) Start(service, region string) {}

func (p *lineProgress) Done(service, region string, count int, err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if err != nil {
		fmt.Fprintf(p.w, "%s %s: %d resources, incomplete: %s\n", service, region, count, p.escape.apply(oneLine(err.Error())))
		return
	}
	fmt.Fprintf(p.w, "%s %s: %d resources\n", service, region, count)
}

// NewTerminalProgress redraws one status line (running collections and a
// running total) when w is a terminal, and falls back to NewLineProgress
// otherwise, so redirecting stderr never fills a log with carriage returns.
func NewTerminalProgress(w io.Writer, escape Escape) Progress {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return NewLineProgress(w, escape)
	}
	return &terminalProgress{w: w, escape: escape, running: map[string]bool{}}
}

type terminalProgress struct {
	mu       sync.Mutex
	w        io.Writer
	escape   Escape
	running  map[string]bool
	done     int
	total    int
	problems int
}

func (p *terminalProgress) Start(service, region string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.running[service+" "+region] = true
	p.redraw()
}

func (p *terminalProgress) Done(service, region string, count int, err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.running, service+" "+region)
	p.done++
	p.total += count
	if err != nil {
		// Problems stay on screen: clear the status line, print, redraw.
		p.problems++
		fmt.Fprintf(p.w, "\r\033[K%s %s: incomplete: %s\n", service, region, p.escape.apply(oneLine(err.Error())))
	}
	p.redraw()
}

// Finish ends the status line; Collect calls it once everything is done.
func (p *terminalProgress) Finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprint(p.w, "\n")
}

func (p *terminalProgress) redraw() {
	names := make([]string, 0, len(p.running))
	for n := range p.running {
		names = append(names, n)
	}
	sort.Strings(names)
	line := fmt.Sprintf("collected %d parts, %d resources", p.done, p.total)
	if p.problems > 0 {
		line += fmt.Sprintf(", %d incomplete", p.problems)
	}
	if len(names) > 0 {
		line += "; running: " + strings.Join(names, ", ")
	}
	if len(line) > 120 {
		line = line[:117] + "..."
	}
	fmt.Fprintf(p.w, "\r\033[K%s", line)
}
