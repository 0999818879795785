package collectors

import (
	"testing"

	"github.com/parity-sec/parity/collectors/mototest"
	"github.com/parity-sec/parity/collectors/snapshot"
)

func testThrottling(t *testing.T, srv *mototest.Server, want *snapshot.Snapshot) {
	t.Skip("fault-injection proxy lands in the next commit")
}

func testAccessDenied(t *testing.T, srv *mototest.Server, want *snapshot.Snapshot) {
	t.Skip("fault-injection proxy lands in the next commit")
}

func testExportScript(t *testing.T, srv *mototest.Server, want *snapshot.Snapshot) {
	t.Skip("export script lands with FromDir")
}
