#!/usr/bin/env bash
# Throughput of the whole agent through the IoT Edge hub transport: the built edgesec.jar (its own
# JVM) sends through mosquitto on TLS (the edgeHub stand-in of edgehub-transport's test fixtures,
# port 8883 on a 127.0.0.x of its own) with a module connection string; a load bundle, installed
# through the module twin with its SHA-256 pinned, pushes Triggered ProcessCreate events at an
# offered rate (cycling through a few distinct command lines); a subscriber on the broker counts
# what arrives. For each case it reports, over a window after a warm-up:
#   messages/s and events/s arriving at the broker, load events/s represented (an aggregated
#   event counts its HitCount), and bytes on the wire per event (TCP payload, i.e. TLS records,
#   from the agent to the broker, read with ss on the broker's socket; also with IPv4/TCP headers)
# with aggregation off and on, at each offered rate. Numbers, not pass/fail.
#
# Usage: bench/edgehub.sh [--rates "2000 20000"] [--seconds N] [--warmup N] [--distinct N]
#                         [--interval ISO] [--heap -XmxNm] [--results FILE]
#   --rates R...     offered load events per second, one case each (default "2000 20000": a
#                    moderate load and one above what 2 shared cores can carry)
#   --seconds N      measurement window (default 15); --warmup N: before it (default 5)
#   --distinct N     distinct command lines of the load (default 20)
#   --interval ISO   aggregationIntervalProcessCreate when aggregation is on (default PT5S)
#   --heap OPT       the agent's heap option (default -Xmx64m, as bench/runtime.sh)
#   --results FILE   append a dated Markdown section with the table to FILE (e.g. bench/RESULTS.md)
#
# Needs launcher/target/edgesec.jar and edgehub-transport's test-jar (mvn -o -pl edgehub-transport
# install; mvn -o -pl launcher install -DskipTests), Paho and agent-api in ~/.m2, javac and jar,
# mosquitto, openssl, ss. Every process it starts is stopped by its pid; its temporary directory
# is removed on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
M2=${M2_REPO:-$HOME/.m2/repository}
AGENT_JAR="$ROOT/launcher/target/edgesec.jar"
JAVA_BIN=${JAVA_BIN:-java}
RATES=(2000 20000)
SECONDS_WINDOW=15
WARMUP=5
DISTINCT=20
INTERVAL=PT5S
HEAP=-Xmx64m
RESULTS=""

die() { echo "edgehub.sh: $*" >&2; exit 2; }
need_int() { [[ $2 =~ ^[0-9]+$ ]] || die "$1 needs a whole number, got '$2'"; }

while (($#)); do
    case $1 in
        --rates) read -r -a RATES <<<"${2-}"; for r in "${RATES[@]}"; do need_int --rates "$r"; done; shift 2 ;;
        --seconds) need_int "$1" "${2-}"; SECONDS_WINDOW=$2; shift 2 ;;
        --warmup) need_int "$1" "${2-}"; WARMUP=$2; shift 2 ;;
        --distinct) need_int "$1" "${2-}"; DISTINCT=$2; shift 2 ;;
        --interval) [[ ${2-} =~ ^P[T0-9.DHMS]+$ ]] || die "--interval: '${2-}' is not an ISO-8601 duration"; INTERVAL=$2; shift 2 ;;
        --heap) [[ ${2-} =~ ^-Xmx[0-9]+[mMgG]$ ]] || die "--heap: '${2-}' is not -Xmx<size>"; HEAP=$2; shift 2 ;;
        --results) RESULTS=$2; shift 2 ;;
        -h|--help) sed -n '2,26p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown option '$1' (see --help)" ;;
    esac
done

jar_of() { # groupPath artifact version [classifier]
    local f="$M2/$1/$2/$3/$2-$3${4:+-$4}.jar"
    [[ -f $f ]] || die "missing $f (build it first, see --help)"
    echo "$f"
}
[[ -f $AGENT_JAR ]] || die "missing $AGENT_JAR (mvn -o -pl launcher install -DskipTests)"
FIXTURES=$ROOT/edgehub-transport/target/edgehub-transport-0.1.0-tests.jar
[[ -f $FIXTURES ]] || FIXTURES=$(jar_of io/edgesec edgehub-transport 0.1.0 tests)
API=$(jar_of io/edgesec agent-api 1.0.0)
PAHO=$(jar_of org/eclipse/paho org.eclipse.paho.client.mqttv3 1.2.5)
OSGI=$(jar_of org/osgi osgi.core 8.0.0)
# the driver writes its config file with support's JsonText (Jackson, and json-core's escapes);
# all three on its class path
SUPPORT=$ROOT/support/target/support-0.1.0.jar
[[ -f $SUPPORT ]] || die "missing $SUPPORT (mvn -o -pl support -am package)"
JSONCORE=$ROOT/json-core/target/json-core-0.1.0.jar
[[ -f $JSONCORE ]] || die "missing $JSONCORE (mvn -o -pl support -am package)"
JACKSON=$(jar_of com/fasterxml/jackson/core jackson-core 2.20.1)
for tool in javac jar mosquitto openssl ss; do command -v "$tool" >/dev/null || die "$tool not found"; done

TMP=$(mktemp -d "${TMPDIR:-/tmp}/edgesec-edgehub-bench.XXXXXX")
STARTED=()
cleanup() {
    local pid
    for pid in "${STARTED[@]}"; do
        if kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- build the driver and the load bundle ----
mkdir -p "$TMP/classes" "$TMP/load-classes"
javac -d "$TMP/classes" -cp "$FIXTURES:$API:$PAHO:$SUPPORT:$JSONCORE:$JACKSON" "$ROOT/bench/edgehub/EdgeHubBench.java" 2>&1 | grep -v '^Note:' || true
javac -d "$TMP/load-classes" -cp "$API:$OSGI" "$ROOT"/bench/edgehub/load/*.java 2>&1 | grep -v '^Note:' || true
[[ -f $TMP/classes/io/edgesec/bench/edgehub/EdgeHubBench.class ]] || die "the driver did not compile"
[[ -f $TMP/load-classes/io/edgesec/bench/edgehub/load/LoadActivator.class ]] || die "the load bundle did not compile"
cat >"$TMP/load.mf" <<EOF
Bundle-ManifestVersion: 2
Bundle-SymbolicName: io.edgesec.bench.load
Bundle-Version: 1.0.0
Bundle-Activator: io.edgesec.bench.edgehub.load.LoadActivator
Import-Package: io.edgesec.api.collector;version="[1.0,2)",io.edgesec.api.event;version="[1.0,2)",org.osgi.framework
EOF
jar --create --file "$TMP/load.jar" --manifest "$TMP/load.mf" -C "$TMP/load-classes" .
cp "$AGENT_JAR" "$TMP/edgesec.jar" # others may rebuild the original while this runs

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
DATE=$(date -u +%Y-%m-%dT%H:%M:%SZ)
echo "edgesec edgehub transport benchmark, $DATE"
echo "agent: $AGENT_JAR ($(stat -c %y "$AGENT_JAR" | cut -d. -f1)); repo at $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "machine: $(nproc) cores ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $(uname -sr); $("$JAVA_BIN" -version 2>&1 | head -1)"
echo "cases: rates ${RATES[*]} events/s offered, aggregation off and on (interval $INTERVAL, $DISTINCT distinct command lines);" \
    "window ${SECONDS_WINDOW}s after ${WARMUP}s warm-up; agent $HEAP; High every PT1S; maxMessageSizeInBytes 204800"
LOAD_BEFORE=$(loadavg)
echo "load before: $LOAD_BEFORE"
echo

ROWS=()
n=0
for rate in "${RATES[@]}"; do
    for agg in off on; do
        n=$((n + 1))
        work="$TMP/case-$n"
        echo "== rate $rate/s, aggregation $agg (load $(loadavg))"
        "$JAVA_BIN" -cp "$TMP/classes:$FIXTURES:$API:$PAHO:$SUPPORT:$JSONCORE:$JACKSON" io.edgesec.bench.edgehub.EdgeHubBench \
            --agent-jar "$TMP/edgesec.jar" --load-jar "$TMP/load.jar" --work "$work" --rate "$rate" --distinct "$DISTINCT" \
            --aggregation "$agg" --interval "$INTERVAL" --warmup "$WARMUP" --seconds "$SECONDS_WINDOW" --heap "$HEAP" \
            --label "case$n" >"$TMP/case-$n.out" 2>&1 &
        pid=$!
        STARTED+=("$pid")
        rc=0
        wait "$pid" || rc=$?
        line=$(grep '^RESULT ' "$TMP/case-$n.out" || true)
        if ((rc != 0)) || [[ -z $line ]]; then
            echo "  failed (exit $rc); its output:" >&2
            sed 's/^/    /' "$TMP/case-$n.out" | tail -40 >&2
            [[ -f $work/agent.log ]] && { echo "  agent log:" >&2; grep -v '^\s*at ' "$work/agent.log" | tail -20 | sed 's/^/    /' >&2; }
            ROWS+=("| $rate | $agg | failed | | | | | | | | | |")
            continue
        fi
        echo "  ${line#RESULT }"
        declare -A R=()
        for kv in ${line#RESULT }; do R[${kv%%=*}]=${kv#*=}; done
        ROWS+=("| $rate | ${R[aggregation]} | ${R[offered_measured_per_s]} | ${R[dropped_high_reported_per_s]} | ${R[messages_per_s]} | ${R[events_per_s]} | ${R[load_raw_per_s]} | ${R[events_per_message]} | ${R[wire_bytes_per_event]} | ${R[wire_bytes_per_raw_event]} (${R[wire_with_headers_per_raw_event]}) | ${R[mqtt_payload_bytes_per_event]} | ${R[agent_cpu_pct]} / ${R[broker_cpu_pct]} |")
        unset R
    done
done
LOAD_AFTER=$(loadavg)

TABLE=$(
    echo "| offered ev/s | aggregation | submitted ev/s | dropped ev/s (reported) | messages/s | events/s at broker | load events/s represented | events/message | wire B/event | wire B/load event (with IP+TCP headers) | MQTT payload B/event | CPU % agent / broker |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${ROWS[@]}"
)
echo
echo "$TABLE"
echo "load after: $LOAD_AFTER"

if [[ -n $RESULTS ]]; then
    {
        echo
        echo "## edgehub transport throughput, $DATE (bench/edgehub.sh)"
        echo
        echo "Agent $HEAP, High every PT1S, one message up to 204800 bytes; load: Triggered ProcessCreate (priority High)"
        echo "cycling $DISTINCT command lines, aggregation interval $INTERVAL when on; ${SECONDS_WINDOW} s window after ${WARMUP} s"
        echo "warm-up; mosquitto 8883/TLS on loopback. $(nproc) cores ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), shared;"
        echo "load average (1/5/15 min) before $LOAD_BEFORE, after $LOAD_AFTER. Repo $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')."
        echo
        echo "$TABLE"
    } >>"$RESULTS"
    echo "appended to $RESULTS"
fi
