#!/usr/bin/env bash
# Side by side in one run: the same recipients file rendered by one plain `tessera render` and by
# the Spark job in local mode. Prints each run's wall time and the medians.
#   examples/spark/bench.sh [TESSERA] [COUNT] [RUNS] [MASTER] [PARTITIONS]
# Defaults: .build/release/tessera, 10000 recipients, 3 runs, local[2], 4 partitions.
set -euo pipefail
cd "$(dirname "$0")/../.."
tessera=${1:-.build/release/tessera}
count=${2:-10000}
runs=${3:-3}
master=${4:-local[2]}
partitions=${5:-4}
now=2026-11-23T09:00:00Z
work=$(mktemp -d "${TMPDIR:-/tmp}/tessera-spark-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

"$tessera" generate-recipients --count "$count" --seed 8 --out "$work/in.ndjson"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
seconds() { local t0 t1; t0=$(date +%s.%N); "$@" >"$work/last.out" 2>"$work/last.err"; t1=$(date +%s.%N); awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f\n", b - a }'; }

: >"$work/plain" ; : >"$work/spark"
for i in $(seq "$runs"); do
  s=$(seconds "$tessera" render --project . --recipients "$work/in.ndjson" --out "$work/plain.ndjson" --now "$now" --quiet)
  echo "run $i: tessera render   ${s} s"; echo "$s" >>"$work/plain"
  s=$(seconds python3 examples/spark/render_with_spark.py --tessera "$tessera" --project . --recipients "$work/in.ndjson" \
        --out "$work/spark-out" --overwrite --master "$master" --partitions "$partitions" --now "$now")
  echo "run $i: spark $master ${s} s   ($(cat "$work/last.out"))"; echo "$s" >>"$work/spark"
done
python3 examples/spark/check_once.py "$work/in.ndjson" "$work/spark-out" --ordered | tail -1
cmp -s "$work/plain.ndjson" <(cat "$work/spark-out"/part-*) && echo "spark output = plain output, byte for byte"
echo "median of $runs, $count recipients: tessera render $(median <"$work/plain") s; spark $master, $partitions partitions $(median <"$work/spark") s (wall, JVM start included)"
