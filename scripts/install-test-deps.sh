#!/bin/sh
# Installs, from Debian's packages only, everything the test suite exercises for real:
# the kernel audit daemon, a Docker engine (and podman's Docker-compatible API), mosquitto
# as the IoT Edge hub stand-in, and small tools the tests drive (nc, busybox-static for test
# images). Idempotent; services are NOT started here: each test starts what it needs and
# stops it again by process id.
set -eu
if [ "$(id -u)" != 0 ]; then echo "install-test-deps: must run as root" >&2; exit 1; fi
PKGS="openjdk-17-jdk-headless maven auditd docker.io mosquitto mosquitto-clients podman netcat-openbsd busybox-static iptables procps iproute2 util-linux passwd login curl gcc libc6-dev make openssh-client mmdebstrap nftables rpm"
missing=""
for p in $PKGS; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"; done
if [ -n "$missing" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # policy-rc.d keeps apt from starting daemons with their defaults (dockerd's would rewrite
  # the host firewall); tests start them with safe flags.
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  apt-get install -y -qq --no-install-recommends $missing
fi
