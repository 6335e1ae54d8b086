#!/bin/sh
# The whole test suite on a fresh Debian machine, as root: installs what the tests exercise
# (apt packages only; Maven fetches from Maven Central), builds every module and runs every
# test, then checks that no test module silently ran nothing.
set -eu
cd "$(dirname "$0")/.."
./scripts/install-test-deps.sh
status=0
mvn -B -ntp --fail-at-end verify "$@" || status=$?
./scripts/check-test-reports.sh || status=$((status == 0 ? 1 : status))
./scripts/check-api-baseline.sh || status=$((status == 0 ? 1 : status))
exit "$status"
