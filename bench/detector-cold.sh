#!/bin/bash
# The detector's engine as the agent runs it, before/after on a loaded machine: small batches of
# fresh ProcessCreate events (the exec load's of bench/detector-cpu.sh: one program, one parent,
# new pids), each batch judged right after a scan of a large array has pushed the engine's code and
# tables out of the caches (as the agent's neighbours do while the detector thread waits); the CPU
# time of the judging only, in ns per event. One JVM loads bench/detector-ab/Cold.java against each
# given benchmarks.jar (own class loader each), warms them up, then runs them in alternating rounds
# (order flipped every round); prints each jar's median and the median of the per-round ratios
# (last jar / first jar).
# Usage: bench/detector-cold.sh ROUNDS JAR [JAR...]   (jars: benchmarks/target/benchmarks.jar built
#   at each commit). AB_JAVA_OPTS: -Dbatch=N events per batch (10), -Dbatches=N per round (400),
#   -Dwarm=N warm-up rounds (150), -DscrubMiB=N (8), -Dnoscrub=true (warm caches).
# The rounds are run by bench/detector-ab.sh, with Cold.java as the runner and ColdAB as the driver.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
AB_RUNNER_JAVA="$here/detector-ab/Cold.java" AB_RUNNER_CLASS=io.edgesec.detector.bench.Cold \
AB_DRIVER_JAVA="$here/detector-ab/ColdAB.java" AB_DRIVER_CLASS=ColdAB AB_MIN_JARS=1 \
AB_USAGE="$0 ROUNDS JAR JAR..." exec "$here/detector-ab.sh" "$@"
