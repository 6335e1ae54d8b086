#!/bin/sh
# The edgesec command inside the image (/usr/local/bin/edgesec and the ENTRYPOINT): the
# jlink-cut Java with small-device settings and the image's class-data-sharing archive.
# `run` and `health` use $EDGESEC_DATA_DIR unless --data-dir is given. No argument is
# interpreted by the shell: they are passed on as they came.
set -eu
home=/opt/edgesec
# -XX:-UsePerfData: nothing written to /tmp, so the root file system can be read-only;
# MALLOC_ARENA_MAX: glibc's per-thread arenas are most of the idle RSS otherwise;
# -XX:TrimNativeHeapInterval: glibc keeps what the JVM freed (start-up's peak) unless trimmed,
# every 10 s here: 1.5 MiB less idle RSS, measured (bench/RESULTS.md);
# -XX:CompileThresholdScaling=10: C1 compiles a method after 10x the invocations (2,000): most of
# start-up's code runs a few times only, and compiling it was a third of start-up's CPU and most of
# the code cache (4.6 against 2.1 MB used at idle); hot paths still compile within seconds;
# -XX:MinHeapFreeRatio/MaxHeapFreeRatio: SerialGC gives back heap beyond 30 % free after a
# full collection (the defaults keep up to 70 %): 1-2 MiB less idle RSS, measured
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
if [ "${EDGESEC_CDS_TRAINING:-0}" = 1 ]; then
  # -XX:-ClassUnloading: the agent stops its framework before the JVM exits and writes the
  # archive; a collection in between unloaded the stopped bundles' classes, so that which of
  # them were archived depended on the build machine's load (10.6 or 6.4 MB archives)
  cds="-XX:ArchiveClassesAtExit=$home/edgesec.jsa"; unloading=-XX:-ClassUnloading
else
  cds="-XX:SharedArchiveFile=$home/edgesec.jsa"; unloading=""
fi
if [ $# -gt 0 ] && { [ "$1" = run ] || [ "$1" = health ]; }; then
  data=yes
  for a in "$@"; do [ "$a" = --data-dir ] && data=no; done
  if [ "$data" = yes ]; then
    cmd="$1"; shift
    set -- "$cmd" --data-dir "${EDGESEC_DATA_DIR:-/var/lib/edgesec}" "$@"
  fi
fi
# the bundles unpacked at image build (edgesec unpack-bundles): installed by reference, not
# copied into the framework's cache at every start; ignored if they are not the jar's
bundles=""
[ -f "$home/bundles/bundles.index" ] && bundles="-Dedgesec.bundles.dir=$home/bundles"
exec "$home/java/bin/java" -XX:+UseSerialGC -Xss256k -XX:-UsePerfData -Xshare:auto "$cds" $unloading $bundles \
  ${EDGESEC_JAVA_OPTS:--Xmx64m -Xms8m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=10 -XX:ReservedCodeCacheSize=16m -XX:MaxMetaspaceSize=64m -XX:TrimNativeHeapInterval=10000} \
  -jar "$home/edgesec.jar" "$@"
