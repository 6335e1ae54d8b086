#!/bin/bash
# How many audit records the collector's file and module rules (deploy/audit/edgesec.rules, unscoped, as on a
# device, plus the directory watches the collector adds where the directories exist) make over a
# minute of this machine's ordinary activity. Root; hold flock /tmp/edgesec-audit.lock. Starts its own
# auditd when none runs (stopped again by pid), removes exactly its rules (key edgesec-watch-rate), restores
# the enabled flag. Usage: collector-audit/bench/watch-rate.sh [seconds, default 60]
set -u
D=$(mktemp -d /tmp/edgesec-watch-rate.XXXXXX); mkdir -p $D/log
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SECS=${1:-60}
K=edgesec-watch-rate
OWN=""
ENABLED_BEFORE=$(auditctl -s | awk '/^enabled/{print $2}')
if [ "$(auditctl -s | awk '/^pid/{print $2}')" = "0" ]; then
cat > $D/auditd.conf <<C
local_events = yes
write_logs = yes
log_file = $D/log/audit.log
log_format = ENRICHED
flush = INCREMENTAL_ASYNC
freq = 1
max_log_file = 100
num_logs = 2
max_log_file_action = ROTATE
space_left = 2
admin_space_left = 1
disk_full_action = IGNORE
disk_error_action = IGNORE
q_depth = 2000
end_of_event_timeout = 2
C
chmod 600 $D/auditd.conf
auditd -n -c $D > $D/auditd.out 2>&1 &
OWN=$!
for i in $(seq 100); do [ "$(auditctl -s | awk '/^pid/{print $2}')" = "$OWN" ] && break; sleep 0.2; done
LOG=$D/log/audit.log
else
LOG=/var/log/audit/audit.log
fi
grep '^-a ' $ROOT/deploy/audit/edgesec.rules | grep -E ' -F path=| -F dir=/var/log|_module' | sed "s/-k edgesec\$/-k $K/; s/^-a //" > $D/rules.txt
for d in /etc/sudoers.d /etc/cron.d /etc/cron.hourly /etc/cron.daily /etc/cron.weekly /etc/cron.monthly /var/spool/cron /etc/systemd/system; do
  [ -d $d ] && echo "always,exit -F dir=$d -F perm=wa -F success=1 -k $K" >> $D/rules.txt
done
awk -F: '($3 >= 1000 && $3 < 65534) {print $6}' /etc/passwd | while read -r h; do [ -d "$h" ] && echo "always,exit -F path=$h/.ssh -F perm=wa -F success=1 -k $K" >> $D/rules.txt; done
n=0; while read -r r; do auditctl -a $r >/dev/null 2>&1 && n=$((n+1)) || echo "not added: $r"; done < $D/rules.txt
echo "rules added: $n"
START=$(date +%s); cat /proc/loadavg
# ordinary administration during the minute
systemctl status cron >/dev/null 2>&1; apt-cache policy curl >/dev/null 2>&1; ls -la /var/log >/dev/null; journalctl -n 5 --no-pager >/dev/null 2>&1
sleep $((SECS / 2))
ls /etc/cron.d >/dev/null; cat /etc/crontab >/dev/null; df -h >/dev/null; ps aux >/dev/null
sleep $((SECS / 2))
END=$(date +%s); cat /proc/loadavg
auditctl -D -k $K >/dev/null
sleep 2
echo "window: $((END-START)) s"
# CONFIG_CHANGE records carry the key too: adding and removing the rules themselves, counted apart
echo "rule changes (CONFIG_CHANGE with the key): $(grep -c "^type=CONFIG_CHANGE.*key=\"$K\"" $LOG)"
echo "events from the rules (SYSCALL records with the key): $(grep -c "^type=SYSCALL.*key=\"$K\"" $LOG)"
grep "^type=SYSCALL.*key=\"$K\"" $LOG | grep -o 'audit([0-9.:]*)' | sort -u > $D/serials
echo "records of those events: $( [ -s $D/serials ] && grep -F -f $D/serials $LOG | wc -l || echo 0)"
grep "^type=SYSCALL.*key=\"$K\"" $LOG | grep -o 'exe="[^"]*"' | sort | uniq -c | sort -rn | head
grep "^type=SYSCALL.*key=\"$K\"" $LOG | grep -o ' syscall=[0-9]*' | sort | uniq -c | sort -rn | head
if [ -n "$OWN" ]; then kill $OWN; wait $OWN; fi
auditctl -e $ENABLED_BEFORE >/dev/null
auditctl -l; auditctl -s | head -3
rm -rf "$D"
