#!/bin/sh
# API discipline (docs/CONVENTIONS.md, "API versions and the baseline"), two checks:
#  1. every bundle the build made that exports packages was baselined by bnd (its report
#     target/baseline/*.txt exists): a module that starts exporting without a baseline fails here;
#  2. the baseline really catches breaks: in a copy of agent-api (never in this tree) a change
#     that breaks third-party collectors (a new abstract method in the @ConsumerType
#     TriggeredCollector), and an addition without a version step, must each fail `mvn verify`;
#     the unchanged copy, and the breaking change with its major versions bumped, must pass.
# Run after `mvn verify` (scripts/test.sh does); extra arguments go to Maven (e.g. -o).
# Prints one line per check; exit 0 only if all hold.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
status=0

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# --- 1. every exporting bundle was baselined --------------------------------------------
# (the manifest read with the JDK's jar tool: unzip is not among the test machine's packages)
manifest() {
  rm -rf "$work/mf"; mkdir -p "$work/mf"
  (cd "$work/mf" && jar xf "$root/$1" META-INF/MANIFEST.MF && tr -d '\r' < META-INF/MANIFEST.MF)
}
missing=""
for pom in */pom.xml; do
  module=${pom%/pom.xml}
  for jar in "$module"/target/"$module"-*.jar; do
    [ -f "$jar" ] || continue
    case $jar in *-tests.jar|*-sources.jar|*/original-*) continue ;; esac
    mf=$(manifest "$jar") || { echo "FAIL cannot read the manifest of $jar"; status=1; continue; }
    if printf '%s\n' "$mf" | grep -q '^Export-Package:'; then
      if ! ls "$module"/target/baseline/*.txt > /dev/null 2>&1; then missing="$missing $module"; fi
      break
    fi
  done
done
if [ -n "$missing" ]; then
  echo "FAIL exporting bundles without a baseline check:$missing (bind bnd-baseline-maven-plugin, see docs/CONVENTIONS.md)"
  status=1
else
  echo "ok   every exporting bundle was baselined"
fi

# --- 2. the check fails on a break, on a copy ----------------------------------------------
# the reactor cut to agent-api and what it is built from: json-core, the private JSON package it
# copies in (never installed in ~/.m2, so it is built beside it)
copy() {
  rm -rf "$work/tree"; mkdir -p "$work/tree"
  sed -e '/^ *<module>[^<]*<\/module> *$/d' -e 's#<modules>#<modules><module>json-core</module><module>agent-api</module>#' \
    "$root/pom.xml" > "$work/tree/pom.xml"
  cp -r "$root/.mvn" "$work/tree/"
  for m in json-core agent-api; do
    mkdir -p "$work/tree/$m"
    (cd "$root/$m" && tar cf - --exclude=./target .) | (cd "$work/tree/$m" && tar xf -)
  done
}
# $1 expect pass|fail, $2 what, then Maven arguments
build() {
  expect=$1; what=$2; shift 2
  if mvn -B -ntp -q -f "$work/tree/pom.xml" -pl agent-api -am verify -DskipTests "$@" > "$work/out.txt" 2>&1; then got=pass; else got=fail; fi
  if [ "$got" = fail ] && ! grep -q 'Baseline problems detected' "$work/out.txt"; then
    got="fail (not by the baseline)"
  fi
  if [ "$got" = "$expect" ]; then
    echo "ok   $what: build ${got}ed as it must"
  else
    echo "FAIL $what: expected the build to $expect, it did: $got"; sed -n '1,40p' "$work/out.txt"; status=1
  fi
}
collector=agent-api/src/main/java/io/edgesec/api/collector
net=agent-api/src/main/java/io/edgesec/api/net

copy
build pass "unchanged agent-api" "$@"

# a third-party collector implements TriggeredCollector (@ConsumerType): a new abstract method breaks it
copy
sed -i 's/^    void close();/    void close();\n\n    void pause();/' "$work/tree/$collector/TriggeredCollector.java"
grep -q 'void pause();' "$work/tree/$collector/TriggeredCollector.java"
build fail "new abstract method in TriggeredCollector without a major version" "$@"
grep -q 'io.edgesec.api.collector.*MAJOR' "$work/out.txt" || { echo "FAIL the report does not name io.edgesec.api.collector as MAJOR"; status=1; }

# the same change, honestly versioned (package 2.0.0, bundle 2.0.0): accepted
sed -i 's/@org.osgi.annotation.versioning.Version("[0-9.]*")/@org.osgi.annotation.versioning.Version("2.0.0")/' "$work/tree/$collector/package-info.java"
build pass "the same change with the package and bundle at 2.0.0" -Dedgesec.api.version=2.0.0 "$@"

# an addition to a package without its minor step
copy
printf 'package io.edgesec.api.net;\n\n/** Added without a version step. */\npublic final class Unversioned {\n    private Unversioned() {\n    }\n}\n' \
  > "$work/tree/$net/Unversioned.java"
build fail "addition to io.edgesec.api.net without a minor version" "$@"

exit "$status"
