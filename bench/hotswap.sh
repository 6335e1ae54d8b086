#!/usr/bin/env bash
# Hot swap of a collector bundle while its events flow: the time the update takes and the events
# lost (goal: under 50 ms, none). The built agent (launcher/target/edgesec.jar, its own JVM)
# sends to the TLS mosquitto edgeHub stand-in; a third-party collector bundle (the integration
# tests' SequenceProbe: one numbered event every --interval ms, each number logged and fsynced as
# the agent accepts it) is installed through the module twin, then updated --rounds times to a
# new version (a new jar, digest pinned), which the agent applies with Felix's Bundle.update
# while the probe runs. Reported (bench/hotswap/HotSwapBench.java): the gap between the last
# event of the old version and the first of the new (event timestamps; includes up to one
# interval), the twin patch to ACTIVE time (includes the hub round trip), events accepted /
# arrived / lost / refused, the longest pause inside each updated version (a restart after its
# first event), the interval between events of one version (the stream's own jitter: the floor
# under the gap on a loaded machine) and how often the collector was opened (1 + one per
# update). Numbers, not pass/fail.
#
# Usage: bench/hotswap.sh [--rounds N] [--interval MS] [--results FILE]
#   --rounds N      updates (default 10)
#   --interval MS   the probe's interval between events (default 5)
#   --results FILE  append a dated Markdown section with the output to FILE (e.g. bench/RESULTS.md)
#
# Needs the reactor built (mvn -B -ntp -o -pl itest -am package -DskipTests; never install),
# mosquitto and openssl (scripts/install-test-deps.sh). Every process it starts is stopped
# by its pid; its temporary directory is removed on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROUNDS=10
INTERVAL=5
RESULTS=""

die() { echo "hotswap.sh: $*" >&2; exit 2; }
need_int() { [[ $2 =~ ^[0-9]+$ ]] && (($2 > 0)) || die "$1 needs a positive whole number, got '$2'"; }

while (($#)); do
    case $1 in
        --rounds) need_int "$1" "${2-}"; ROUNDS=$2; shift 2 ;;
        --interval) need_int "$1" "${2-}"; INTERVAL=$2; shift 2 ;;
        --results) RESULTS=$2; shift 2 ;;
        -h|--help) sed -n '2,23p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown option '$1' (see --help)" ;;
    esac
done

WORK=$(mktemp -d /tmp/edgesec-hotswap.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# what the reactor built (mvn -B -ntp -o -pl itest -am package -DskipTests): the agent jar, the
# itest classes (probe, hub stand-in, agent process), edgehub-transport's test fixtures (TLS
# mosquitto, twin responder, recorder); Paho and the OSGi core API from ~/.m2
M2=${M2_REPO:-$HOME/.m2/repository}
for f in launcher/target/edgesec.jar itest/target/test-classes/io/edgesec/itest/edge/HubStandIn.class bundle-manager/target/test-classes \
         edgehub-transport/target/test-classes edgehub-transport/target/classes agent-api/target/classes; do
    [[ -e $ROOT/$f ]] || die "missing $f: build first (mvn -B -ntp -o -pl itest -am package -DskipTests)"
done
PAHO=$(find "$M2/org/eclipse/paho/org.eclipse.paho.client.mqttv3/1.2.5" -name 'org.eclipse.paho.client.mqttv3-1.2.5.jar' | head -1)
OSGI=$(find "$M2/org/osgi/osgi.core" -name 'osgi.core-*.jar' | sort | tail -1)
# support's JsonText (the driver writes the agent's config with it) is Jackson since issue 13
JACKSON=$(find "$M2/com/fasterxml/jackson/core/jackson-core/2.20.1" -name 'jackson-core-2.20.1.jar' | head -1)
[[ -n $PAHO && -n $OSGI && -n $JACKSON ]] \
    || die "Paho 1.2.5, osgi.core or jackson-core 2.20.1 missing in $M2 (mvn -o -pl itest -am package resolves them)"
CP="$ROOT/itest/target/test-classes:$ROOT/edgehub-transport/target/test-classes:$ROOT/edgehub-transport/target/classes"
# bundle-manager's test classes: BundleJars, the one maker of test bundle jars and twin entries
CP="$CP:$ROOT/bundle-manager/target/test-classes:$ROOT/support/target/classes:$ROOT/json-core/target/classes:$ROOT/agent-api/target/classes:$PAHO:$OSGI:$JACKSON"
mkdir -p "$WORK/classes"
javac -d "$WORK/classes" -cp "$CP" "$ROOT/bench/hotswap/HotSwapBench.java"

OUT=$WORK/out.txt
{
    echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'), load: $(cut -d' ' -f1-3 /proc/loadavg), agent jar sha256 $(sha256sum "$ROOT/launcher/target/edgesec.jar" | cut -c1-12)"
    java -Dedgesec.root="$ROOT" -cp "$WORK/classes:$CP" io.edgesec.itest.edge.HotSwapBench "$ROUNDS" "$INTERVAL" "$WORK/run"
} | tee "$OUT"

if [[ -n $RESULTS ]]; then
    {
        echo
        echo "## $(date -u '+%Y-%m-%d %H:%M') UTC: hot swap of a collector bundle (bench/hotswap.sh --rounds $ROUNDS --interval $INTERVAL)"
        echo
        echo '```'
        cat "$OUT"
        echo '```'
    } >> "$RESULTS"
fi
