#!/bin/sh
# Benchmark (not a test): records/s of the collector's pipeline on one core, side by side with
# auditd's own `ausearch --input FILE --format raw` on the same 100+ MB log, and the ratio.
# Usage: collector-audit/bench/run.sh [MEGABYTES]   (after `mvn -pl collector-audit install`)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
module=$(dirname "$here")
repo=$(dirname "$module")
mb=${1:-110}
corpus=${EDGESEC_CORPUS:-$repo/../shared/corpus/audit}
api=$(ls "$HOME"/.m2/repository/io/edgesec/agent-api/1.0.0/agent-api-1.0.0.jar)
work=$(mktemp -d /tmp/edgesec-audit-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
log="$work/audit.log"
java "$here/MakeLog.java" "$corpus" "$log" "$mb"
records=$(wc -l < "$log")
# one core for both, and a bounded heap for ours (bounded memory is part of the claim)
ours=$(taskset -c 0 java -Xmx64m -XX:+UseSerialGC -cp "$module/target/classes:$api" "$here/ParserBench.java" "$log" 3)
start=$(date +%s.%N)
taskset -c 0 ausearch --input "$log" --format raw > /dev/null 2>&1 || true
end=$(date +%s.%N)
theirs=$(echo "$records / ($end - $start)" | bc -l)
printf 'log: %s MB, %s records\n' "$mb" "$records"
printf 'edgesec pipeline: %.0f records/s (one core, -Xmx64m)\n' "$ours"
printf 'ausearch --format raw: %.0f records/s (one core)\n' "$theirs"
printf 'ratio: %.1fx\n' "$(echo "$ours / $theirs" | bc -l)"
