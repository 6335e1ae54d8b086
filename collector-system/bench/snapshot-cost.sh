#!/bin/sh
# CPU cost of one full snapshot of the five collector-system collectors on this machine
# (SystemInformation, LocalUsers, OSBaseline, SoftwareInventory over /, FirewallConfiguration
# over a network namespace this script creates with a 24-rule iptables-nft + nft ruleset and
# deletes again: the machine's own firewall is never touched). A measurement, not a test.
# Usage (as root, after `mvn -pl collector-system -am package`): collector-system/bench/snapshot-cost.sh [ROUNDS]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
rounds=${1:-20}
ns="edgesec-bench-$$"
ip netns add "$ns"
trap 'ip netns delete "$ns"' EXIT
x() { ip netns exec "$ns" "$@"; }
x iptables-nft -P INPUT DROP
x iptables-nft -A INPUT -i lo -j ACCEPT
x iptables-nft -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
for p in 22 80 443 1883 8883 5671 5672 9600; do x iptables-nft -A INPUT -s 10.0.0.0/16 -p tcp --dport "$p" -j ACCEPT; done
x ip6tables-nft -P INPUT DROP
for p in 22 443 8883; do x ip6tables-nft -A INPUT -s fd00::/48 -p tcp --dport "$p" -j ACCEPT; done
x nft add table inet edge
x nft add chain inet edge input '{' type filter hook input priority 10 ';' policy accept ';' '}'
for p in 8080 8081 8082 8083 8084 8085; do x nft add rule inet edge input ip saddr 192.168.0.0/24 tcp dport "$p" accept; done
cp="$top/collector-system/target/classes:$top/support/target/classes:$top/agent-api/target/classes:$(ls "$HOME"/.m2/repository/org/osgi/org.osgi.service.cm/1.6.1/*.jar):$(ls "$HOME"/.m2/repository/org/osgi/osgi.core/*/osgi.core-*.jar | head -1)"
java -cp "$cp" "$here/SnapshotCost.java" / "$ns" "$rounds"
