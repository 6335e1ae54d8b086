#!/bin/bash
# The hand-written JSON of agent-api (JsonReader, JsonWriter, SecurityEvent.writeJson) against
# Jackson (support's JsonDocuments and JsonText, and a JsonGenerator prototype of the event
# writer) in one JVM: alternating rounds (order flipped every round) measuring the CPU time of
# the running thread, so neighbours on a loaded machine weigh on both alike. Checks first that
# both write the same text and read the same values. Prints per case the median CPU time of
# each and the median, min and max of the per-round throughput ratios (Jackson / old).
# Usage: bench/json-ab.sh [ROUNDS]   (from the repository root; needs ~/.m2's jackson-core)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rounds=${1:-21}
jackson=$HOME/.m2/repository/com/fasterxml/jackson/core/jackson-core/2.20.1/jackson-core-2.20.1.jar
annotations=$HOME/.m2/repository/org/osgi/osgi.annotation/8.1.0/osgi.annotation-8.1.0.jar
tmp=$(mktemp -d /tmp/edgesec-json-ab.XXXXXX)
trap 'rm -rf -- "$tmp"' EXIT
javac -nowarn -d "$tmp" -cp "$jackson:$annotations" \
    $(find "$root/agent-api/src/main/java" "$root/support/src/main/java/io/edgesec/support/json" -name '*.java') \
    "$root/benchmarks/src/main/java/io/edgesec/aggregator/internal/Workload.java" \
    "$root/bench/json-ab/Mix.java" "$root/bench/json-ab/AB.java"
java -Xmx256m -cp "$tmp:$jackson" AB "$rounds" \
    "$root/detector/src/main/resources/io/edgesec/detector/rules/builtin-rules.json"
