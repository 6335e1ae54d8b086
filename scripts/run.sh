#!/bin/sh
# Runs the agent on this host in standalone mode, building it first if needed.
# Arguments go to `edgesec run` (e.g. --duration 20 --output out.jsonl; see --help).
set -eu
cd "$(dirname "$0")/.."
if [ ! -f launcher/target/edgesec.jar ]; then
  mvn -B -q -ntp -DskipTests install
fi
# Small-device JVM settings (measured in bench/RESULTS.md): a 64 MiB heap grown on demand,
# the serial collector, no perf-data file, few malloc arenas. MetaspaceSize: the first full
# collection for class metadata at 32 MB instead of the JVM's 21 MB, which the agent (~20.6 MB
# of classes after start-up) crossed at its first bundle updates, stopping every thread for a
# full collection in the middle of a hot swap (bench/RESULTS.md, 2026-12-07, hot-swap tail).
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
exec java -Xmx64m -Xms16m -XX:+UseSerialGC -XX:MetaspaceSize=32m -Xss256k -XX:-UsePerfData -jar launcher/target/edgesec.jar run "$@"
