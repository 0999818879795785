// Package history keeps parity runs on disk so a nightly job can say what
// changed since the night before. A history directory holds one
// subdirectory per run, named by its UTC time so names sort chronologically,
// each with both snapshots and the JSON report of that run.
//
// Runs appear atomically: a run is written into a hidden temp directory and
// renamed into place, so a reader never sees half a run. Reading is
// forgiving: a corrupt or partial run is reported as a Problem and skipped,
// never fatal, because one bad night must not stop every later night.
//
// This package must never modify a complete run, never delete anything
// whose name it did not write (only Prune deletes, and only run and temp
// directories), and never trust a history file: everything read back is
// validated like untrusted input.
package history
