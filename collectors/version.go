package collectors

import "runtime/debug"

// version is set only by the linker, never by code: release builds use
// -ldflags "-X github.com/parity-sec/parity/collectors.version=v1.2.3".
// Read it with Version.
var version = "dev"

// Version is the parity version written into every snapshot and report:
// the linker's, else the module version "go install …@v1.2.3" records,
// else "dev" for a source build.
func Version() string {
	if version != "dev" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return version
}
