#!/bin/sh
# Benchmark (not a test): compare two builds of the analyzer over the corpus in paired rounds
# (CPU time). A and B are class paths, e.g. a saved target/classes of main with agent-api, and
# this tree's target/classes with agent-api and jackson-core:
#   bench/compare.sh /tmp/old/classes:$API target/classes:$API:$JACKSON [corpus] [rounds]
set -e
here=$(cd "$(dirname "$0")" && pwd)
module=$(dirname "$here")
exec java -Xss4m "$here/CompareBench.java" "$1" "$2" "${3:-$module/../../shared/corpus/manifests}" "${4:-40}"
