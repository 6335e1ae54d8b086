#!/bin/sh
# Builds the edgesec image where no registry can be reached: the base images of the
# Dockerfile are made here from Debian packages with mmdebstrap (the machine's apt access) and
# `docker import`ed, then the same Dockerfile is built on them, tagged edgesec:<version> and
# edgesec:latest. Talks to the engine in $DOCKER_HOST (default: the local one).
#
#   scripts/build-image.sh [--from-source] [--platform linux/amd64|linux/arm64|linux/arm/v7]
#
# Default: the agent jar the reactor built (launcher/target/edgesec.jar, `mvn -DskipTests
# package`), no network in the build. --from-source: Maven builds it inside the image (the build
# base then has Maven, the build needs Maven Central: --network host). --platform: bases of that
# architecture (mmdebstrap --arch; needs qemu-user-static and binfmt for a foreign one).
set -eu
cd "$(dirname "$0")/.."
from_source=no; platform=""
while [ $# -gt 0 ]; do
  case "$1" in
    --from-source) from_source=yes ;;
    --platform) [ $# -ge 2 ] || { echo "build-image: --platform needs a value" >&2; exit 2; }; platform="$2"; shift ;;
    *) echo "build-image: unknown option '$1'" >&2; exit 2 ;;
  esac
  shift
done
case "$platform" in
  "") arch=$(dpkg --print-architecture) ;;
  linux/amd64) arch=amd64 ;;
  linux/arm64) arch=arm64 ;;
  linux/arm/v7) arch=armhf ;;
  *) echo "build-image: --platform '$platform': expected linux/amd64, linux/arm64 or linux/arm/v7" >&2; exit 2 ;;
esac
for tool in mmdebstrap docker; do
  command -v "$tool" > /dev/null || { echo "build-image: $tool not found (scripts/install-test-deps.sh installs it)" >&2; exit 1; }
done
version=$(sed -n 's:.*<edgesec.launcher.version>\(.*\)</edgesec.launcher.version>.*:\1:p' pom.xml | head -n 1)
[ -n "$version" ] || { echo "build-image: no edgesec.launcher.version in pom.xml" >&2; exit 1; }
revision=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ "$from_source" = no ] && [ ! -f launcher/target/edgesec.jar ]; then
  echo "build-image: launcher/target/edgesec.jar not found: run 'mvn -B -DskipTests package' first (or --from-source)" >&2
  exit 1
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/edgesec-image.XXXXXX")
trap 'rm -rf "$work"' EXIT
# binutils: objcopy, which jlink --strip-debug runs; auditd: the Dockerfile's tools stage (this
# base is also TOOLS_BASE) copies auditctl and its libraries from it
build_pkgs=openjdk-17-jdk-headless,binutils,auditd
[ "$from_source" = yes ] && build_pkgs="$build_pkgs,maven"
suffix="$arch"
echo "build-image: making the bases (mmdebstrap bookworm, $arch)" >&2
# the runtime base: the Essential packages (a shell, coreutils, dpkg), useradd and the C++
# runtime the JVM links; no apt (minbase's apt, and the usrmerge package that brings all of perl,
# were 64 of its 121 MB); /usr merged by mmdebstrap's hook. The tools the collectors call come
# from the Dockerfile's tools stage.
merged_usr=""
[ -d /usr/share/mmdebstrap/hooks/merged-usr ] && merged_usr=--hook-dir=/usr/share/mmdebstrap/hooks/merged-usr
mmdebstrap --quiet --variant=essential --include=passwd,libstdc++6 --arch="$arch" $merged_usr \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/info/*' \
  bookworm "$work/runtime.tar" &
runtime_pid=$!
mmdebstrap --quiet --variant=minbase --arch="$arch" --include="$build_pkgs" bookworm "$work/build.tar"
wait "$runtime_pid"
docker import ${platform:+--platform "$platform"} "$work/build.tar" "edgesec-base/build:bookworm-$suffix" > /dev/null
docker import ${platform:+--platform "$platform"} "$work/runtime.tar" "edgesec-base/runtime:bookworm-$suffix" > /dev/null
rm -f "$work/build.tar" "$work/runtime.tar"
if [ "$from_source" = yes ]; then jar=source; network=host; else jar=prebuilt; network=none; fi
echo "build-image: building edgesec:$version (jar: $jar)" >&2
DOCKER_BUILDKIT=0 docker build --network "$network" ${platform:+--platform "$platform"} \
  --build-arg "BUILD_BASE=edgesec-base/build:bookworm-$suffix" \
  --build-arg "RUNTIME_BASE=edgesec-base/runtime:bookworm-$suffix" \
  --build-arg "TOOLS_BASE=edgesec-base/build:bookworm-$suffix" \
  --build-arg "EDGESEC_JAR=$jar" --build-arg "VERSION=$version" --build-arg "REVISION=$revision" \
  -t "edgesec:$version" -t edgesec:latest .
docker image inspect --format '{{.Size}}' "edgesec:$version" | awk -v v="$version" '{printf "build-image: edgesec:%s and edgesec:latest, %.1f MB\n", v, $1/1e6}' >&2
