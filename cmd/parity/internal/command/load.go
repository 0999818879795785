package command

import (
	"github.com/parity-sec/parity/cmd/parity/internal/config"
)

// loadConfig reads parity.yaml when given; no file means defaults.
// Snapshots are read by snapshot.LoadRaw, the one snapshot reader.
func loadConfig(path string) (*config.Config, error) {
	if path == "" {
		return &config.Config{}, nil
	}
	return config.Load(path)
}
