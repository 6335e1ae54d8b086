#!/bin/sh
# Every module with tests must have run some: a runner that reports success with zero tests
# (reference/feasibility.md: bnd's tester with newer JUnit) must fail CI. Prints the totals as
# a plain "N passed, N failed" line.
set -eu
cd "$(dirname "$0")/.."
total=0; failed=0; skipped=0; bad=""
for dir in */src/test/java; do
  module=${dir%%/src/test/java}
  # a module counts as a test module when some source has a test (JMH benchmarks are not tests)
  if ! grep -rlq -e '@Test' -e '@ParameterizedTest' -e '@FuzzTest' -e '@RepeatedTest' "$dir"; then continue; fi
  reports=$(find "$module/target" -path '*reports*' -name 'TEST-*.xml' 2>/dev/null || true)
  if [ -z "$reports" ]; then bad="$bad $module(no-reports)"; continue; fi
  mtests=0
  for r in $reports; do
    head=$(grep -m1 -o '<testsuite [^>]*>' "$r" || true)
    t=$(printf '%s' "$head" | sed -n 's/.* tests="\([0-9]*\)".*/\1/p'); t=${t:-0}
    f=$(printf '%s' "$head" | sed -n 's/.* failures="\([0-9]*\)".*/\1/p'); f=${f:-0}
    e=$(printf '%s' "$head" | sed -n 's/.* errors="\([0-9]*\)".*/\1/p'); e=${e:-0}
    s=$(printf '%s' "$head" | sed -n 's/.* skipped="\([0-9]*\)".*/\1/p'); s=${s:-0}
    mtests=$((mtests + t)); total=$((total + t)); failed=$((failed + f + e)); skipped=$((skipped + s))
  done
  echo "tests: $module ran $mtests"
  # every concrete test class must have run: a runner or a test that ends the run early (seen:
  # a fuzzer in fuzzing mode) otherwise skips classes without failing anything
  for f in $(grep -rl -e '@Test' -e '@ParameterizedTest' -e '@FuzzTest' -e '@RepeatedTest' "$dir"); do
    if grep -q 'abstract class' "$f"; then continue; fi
    cls=$(printf '%s' "${f#"$dir"/}" | sed 's#\.java$##; s#/#.#g')
    creports=$(find "$module/target" -path '*reports*' -name "TEST-$cls.xml" 2>/dev/null || true)
    if [ -z "$creports" ]; then bad="$bad $cls(never-ran)"; continue; fi
    # a report of no tests is a class that did not run either: a runner that found no test
    # method it could invoke (a JUnit 4 pax-exam class run as another engine's, a probe that
    # never started) still writes one
    ct=0
    for r in $creports; do
      n=$(grep -m1 -o '<testsuite [^>]*>' "$r" | sed -n 's/.* tests="\([0-9]*\)".*/\1/p')
      ct=$((ct + ${n:-0}))
    done
    if [ "$ct" -eq 0 ]; then bad="$bad $cls(0-tests)"; fi
  done
  if [ "$mtests" -eq 0 ]; then bad="$bad $module(0-tests)"; fi
done
passed=$((total - failed - skipped))
echo "$passed passed, $failed failed, $skipped skipped"
if [ -n "$bad" ]; then echo "check-test-reports: test modules or classes that did not run:$bad" >&2; exit 1; fi
if [ "$skipped" -gt 0 ]; then echo "check-test-reports: $skipped tests were skipped; a skipped test is not done" >&2; exit 1; fi
[ "$failed" -eq 0 ]
