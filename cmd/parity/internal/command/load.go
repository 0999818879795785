package command

import (
	"errors"
	"fmt"
	"os"

	"github.com/parity-sec/parity/cmd/parity/internal/config"
	"github.com/parity-sec/parity/collectors/snapshot"
)

// loadSnapshot reads a snapshot and keeps its bytes for the history store.
// maxSize bounds the read (snapshot.MaxFileSize when 0), whatever stat()
// says: a device or a FIFO has no size.
func loadSnapshot(path string, maxSize int64) (*snapshot.Snapshot, []byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	if st.IsDir() {
		return nil, nil, fmt.Errorf("%s: is a directory, want a snapshot file", path)
	}
	data, err := snapshot.ReadFile(path, maxSize)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	s, err := snapshot.Parse(data)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, data, nil
}

// loadConfig reads parity.yaml when given; no file means defaults.
func loadConfig(path string) (*config.Config, error) {
	if path == "" {
		return &config.Config{}, nil
	}
	return config.Load(path)
}
