#!/bin/sh
# Runs the agent on this host in standalone mode, building it first if needed.
# Arguments go to `edgesec run` (e.g. --duration 20 --output out.jsonl; see --help).
set -eu
cd "$(dirname "$0")/.."
if [ ! -f launcher/target/edgesec.jar ]; then
  mvn -B -q -ntp -DskipTests install
fi
exec java -Xmx64m -jar launcher/target/edgesec.jar run "$@"
