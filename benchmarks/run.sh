#!/usr/bin/env bash
# Builds the benchmarks and runs JMH with JSON output to benchmarks/results/.
#   benchmarks/run.sh quick [REGEX] [JMH ARGS...]   short iterations, for a look (minutes)
#   benchmarks/run.sh full  [REGEX] [JMH ARGS...]   the settings RESULTS.md is recorded with
# Example: benchmarks/run.sh full DecisionBenchmark -prof gc
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-quick}
shift || true
regex=${1:-.}
shift || true
./mvnw -q -DskipTests -pl benchmarks -am package
mkdir -p benchmarks/results
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="benchmarks/results/${stamp}-${mode}.json"
case "$mode" in
  quick) settings=(-wi 2 -w 1s -i 3 -r 1s -f 1) ;;
  full)  settings=(-wi 3 -w 2s -i 5 -r 2s -f 2) ;;
  *) echo "usage: $0 quick|full [REGEX] [JMH ARGS...]" >&2; exit 2 ;;
esac
java -jar benchmarks/target/benchmarks.jar "$regex" "${settings[@]}" -rf json -rff "$out" "$@"
echo "results: $out"
python3 benchmarks/table.py "$out" 2>/dev/null || true
