#!/bin/sh
# Runs the agent on this host in standalone mode, building it first if needed.
# Arguments go to `edgesec run` (e.g. --duration 20 --output out.jsonl; see --help).
set -eu
cd "$(dirname "$0")/.."
if [ ! -f launcher/target/edgesec.jar ]; then
  mvn -B -q -ntp -DskipTests install
fi
# Small-device JVM settings (measured in bench/RESULTS.md): a 64 MiB heap grown on demand,
# the serial collector, no perf-data file, few malloc arenas.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
exec java -Xmx64m -Xms16m -XX:+UseSerialGC -Xss256k -XX:-UsePerfData -jar launcher/target/edgesec.jar run "$@"
