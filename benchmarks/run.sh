#!/usr/bin/env bash
# Builds the benchmarks and runs JMH with JSON output to benchmarks/results/, then prints the tables
# (benchmarks/table.py): ratios to each class's baseline and, for the peer comparison, ratios to
# Toolgate cached and to the ConcurrentHashMap floor, with the goals of issue 8 marked met or missed.
#   benchmarks/run.sh quick [REGEX] [JMH ARGS...]   short iterations, for a look (the peer comparison: < 10 min)
#   benchmarks/run.sh full  [REGEX] [JMH ARGS...]   the settings RESULTS.md is recorded with
# REGEX defaults to the peer comparison (PeerBenchmark, with -prof gc for allocation per decision);
# pass '.' for every benchmark. Examples:
#   benchmarks/run.sh full                          the peer comparison, for the record
#   benchmarks/run.sh full DecisionBenchmark -prof gc
#   benchmarks/run.sh full FleetBenchmark            cached unlimited vs local vs Redis limit (starts its own redis-server)
# The fleet's non-JMH figures (kill-switch propagation p50/p99 to 2 replicas, calls/s under one
# shared limit), after a run built the jar:
#   java -cp benchmarks/target/benchmarks.jar io.toolgate.benchmarks.FleetMeasure [SWITCHES [SECONDS [THREADS]]]
# A setup that throws (a peer disagreeing with Toolgate in the cross-check) fails the run (-foe true).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-quick}
shift || true
regex=${1:-PeerBenchmark}
shift || true
extra=()
if [ "$regex" = "PeerBenchmark" ]; then
  extra=(-prof gc)
fi
case "$mode" in
  quick) settings=(-wi 1 -w 1s -i 2 -r 1s -f 1) ;;
  full)  settings=(-wi 3 -w 2s -i 5 -r 2s -f 2) ;;
  *) echo "usage: $0 quick|full [REGEX] [JMH ARGS...]" >&2; exit 2 ;;
esac
./mvnw -q -DskipTests -Pjmh -pl benchmarks -am package
mkdir -p benchmarks/results
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="benchmarks/results/${stamp}-${mode}.json"
java -jar benchmarks/target/benchmarks.jar "$regex" "${settings[@]}" -foe true -rf json -rff "$out" \
  "${extra[@]}" "$@"
echo "results: $out"
echo
cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ //' || true)
echo "Machine: ${cpu:-unknown CPU}, $(nproc) cores, $(free -g 2>/dev/null | awk '/Mem:/ {print $2 " GB"}'), $(uname -sr)"
echo "JDK: $(java -version 2>&1 | head -1)"
echo
python3 benchmarks/table.py "$out"
