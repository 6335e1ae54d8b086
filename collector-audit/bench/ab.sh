#!/bin/bash
# Before/after of the audit pipeline's CPU per record in one JVM: each build's pipeline
# (collector-audit, support, agent-api classes, jackson-core) in its own class loader, passes over
# the same log alternating between the builds (order flipped every round), CPU time of the one
# thread that runs them (the pipeline is single-threaded; JIT and GC threads are not counted:
# bytes allocated per record are reported beside it). First an untimed pass per build prints the
# number of security events and a digest of them (name, timestamp, payload in order): two builds
# that map the log alike print the same digest.
# Usage: collector-audit/bench/ab.sh ROUNDS NAME=REPO_DIR [NAME=REPO_DIR ...]
#   REPO_DIR: a built checkout (mvn -o -q package -DskipTests -pl collector-audit -am); the first
#   is the reference of the cost ratios.
# Environment: EDGESEC_BENCH_LOG (the log; built from EDGESEC_CORPUS with MakeLog.java, 20 MB,
#   when absent), AB_WARMUP (passes per build before the rounds, 10), AB_KINDS (all: every kind
#   each build knows; base: the base's four, ProcessCreate, ConnectionCreate, Login, AccountChange),
#   AB_SERIALIZE (on: each event's JSON is written, as ParserBench does; off), AB_JAVA_OPTS,
#   AB_VERBOSE=true (a line per pass: thread and process CPU per record, ms the JIT spent compiling;
#   with one build and AB_WARMUP=0, the JIT's warm-up as run.sh's passes see it).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$(dirname "$here")")
[ $# -ge 2 ] || { echo "usage: $0 ROUNDS NAME=REPO_DIR [NAME=REPO_DIR...]" >&2; exit 2; }
rounds=$1
shift
tmp=$(mktemp -d /tmp/edgesec-audit-ab.XXXXXX)
trap 'rm -rf -- "$tmp"' EXIT
m2=${EDGESEC_BENCH_M2:-$HOME/.m2/repository}
log=${EDGESEC_BENCH_LOG:-$tmp/audit.log}
if [ ! -s "$log" ]; then
    java "$here/MakeLog.java" "${EDGESEC_CORPUS:-$repo/../shared/corpus/audit}" "$log" 20 >&2
fi
sides=()
for s in "$@"; do
    name=${s%%=*}
    dir=$(cd "${s#*=}" && pwd)
    api=$(ls -t "$dir"/agent-api/target/agent-api-[0-9]*.jar 2> /dev/null | grep -v -e sources -e tests | head -n 1)
    jv=$(sed -n 's:.*<jackson.version>\(.*\)</jackson.version>.*:\1:p' "$dir/pom.xml" | head -n 1)
    cp="$dir/collector-audit/target/classes:$api"
    [ -d "$dir/support/target/classes" ] && cp="$cp:$dir/support/target/classes"
    [ -n "$jv" ] && cp="$cp:$m2/com/fasterxml/jackson/core/jackson-core/$jv/jackson-core-$jv.jar"
    [ -d "$dir/collector-audit/target/classes" ] && [ -n "$api" ] || { echo "$dir is not built" >&2; exit 2; }
    mkdir "$tmp/$name"
    javac -nowarn -cp "$cp" -d "$tmp/$name" "$here/ab/AuditRunner.java"
    sides+=("$name=$tmp/$name:$cp")
done
javac -d "$tmp" "$here/ab/AuditAB.java"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); log $(wc -l < "$log") records; kinds ${AB_KINDS:-all}, serialize ${AB_SERIALIZE:-on}"
read -r -a opts <<< "${AB_JAVA_OPTS:-}"
java -Xmx256m -XX:+UseSerialGC "${opts[@]}" -Dab.log="$log" -Dkinds="${AB_KINDS:-all}" -Dserialize="${AB_SERIALIZE:-on}" \
    -Dwarmup="${AB_WARMUP:-10}" -Dab.verbose="${AB_VERBOSE:-false}" -cp "$tmp" AuditAB "$rounds" "${sides[@]}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
