#!/bin/sh
# bench.sh: wall time and peak memory of load + normalize + diff on the
# synthetic 1k, 10k and 50k pairs, of the whole `parity diff` (which also
# evaluates the Rego rules and renders), then the Go benchmarks.
#
#   collectors/snapshot/snapshottest/bench.sh            # from the repo root
#   SIZES="10000" BENCHTIME=3x collectors/snapshot/snapshottest/bench.sh
#
# Pairs are written under $WORK (default: a fresh temp dir, removed at exit).
set -eu
cd "$(dirname "$0")/../../.."
SIZES=${SIZES:-"1000 10000 50000"}
BENCHTIME=${BENCHTIME:-2x}
WORK=${WORK:-$(mktemp -d)}
trap 'rm -rf "$WORK"' EXIT

go build -o "$WORK/gen" ./collectors/snapshot/snapshottest/cmd/gen
go build -o "$WORK/pipeline" ./collectors/snapshot/snapshottest/cmd/pipeline
go build -o "$WORK/parity" ./cmd/parity

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for n in $SIZES; do
	"$WORK/gen" -n "$n" -seed 1 -o "$WORK/$n" >/dev/null
	echo "== $n resources per environment ($(du -sh "$WORK/$n" | cut -f1) on disk)"
	/usr/bin/time -f "wall %es  user %Us  sys %Ss  peak RSS %M KiB" \
		"$WORK/pipeline" "$WORK/$n/staging.json" "$WORK/$n/production.json"
	printf 'parity diff --format json: '
	# Exit 1 (gate failed) is expected: the pairs carry drift.
	/usr/bin/time -f "wall %es  user %Us  sys %Ss  peak RSS %M KiB" \
		"$WORK/parity" diff --format json -o "$WORK/$n/report.json" \
		"$WORK/$n/staging.json" "$WORK/$n/production.json" || :
done

echo "== go test -bench (benchtime $BENCHTIME)"
go test ./collectors/snapshot/snapshottest -run '^$' -bench 'Pipeline' -benchtime "$BENCHTIME"
