package command

import (
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/parity-sec/parity/collectors"
	"github.com/parity-sec/parity/normalize/iamcatalog"
)

func versionCommand() *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print parity's version and the IAM action catalogue it judges wildcards against",
		Description: "The catalogue (AWS's Service Authorization Reference, embedded in the binary) is the universe\n" +
			"of actions: \"s3:Get*\" means its s3:Get… actions, NotAction means every other action of it. An\n" +
			"action it does not know is compared as written, with a warning. Example:\n\n   parity version",
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usageError("version takes no arguments")
			}
			return writeVersion(c.App.Writer)
		},
	}
}

func writeVersion(w io.Writer) error {
	src := iamcatalog.Info()
	_, err := fmt.Fprintf(w, "parity %s\nIAM action catalogue: %s %s (data of %s): %d services, %d actions\n",
		collectors.Version(), src.Package, src.Version, src.Date, src.Services, src.Actions)
	return err
}
