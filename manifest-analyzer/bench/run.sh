#!/bin/sh
# Benchmark (not a test): analyze all corpus manifests in one JVM and report the time per full
# corpus run. Needs `mvn -pl manifest-analyzer install` first (uses target/classes, agent-api and jackson-core).
set -e
here=$(cd "$(dirname "$0")" && pwd)
module=$(dirname "$here")
api=$(ls -t "$module"/../agent-api/target/agent-api-[0-9]*.jar | grep -v -e sources -e tests | head -n 1) # the newest build
jackson_version=$(sed -n 's:.*<jackson.version>\(.*\)</jackson.version>.*:\1:p' "$module/../pom.xml")
jackson=${M2_REPO:-$HOME/.m2/repository}/com/fasterxml/jackson/core/jackson-core/$jackson_version/jackson-core-$jackson_version.jar
corpus=${1:-$module/../../shared/corpus/manifests}
exec java -cp "$module/target/classes:$api:$jackson" "$here/CorpusBench.java" "$corpus" "${2:-200}"
