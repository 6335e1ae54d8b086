# The exec load of the agent benchmarks, sourced (not run) by collector-audit/bench/exec-load.sh
# (one agent's CPU) and bench/detector-cpu.sh (agents with and without the detector side by
# side): one copy of the audit set-up, the load generator and the CPU sampling.
#
#   exec_load_hold_lock "$0" "$@"   first thing: re-runs the calling script under
#                                    flock /tmp/edgesec-audit.lock (other tests change audit rules)
#   exec_load_setup NAME KEY         checks root and the tools; makes $EL_TMP (under /tmp) and
#                                    $EL_BIN (under /var/cache: programs run from /tmp are what
#                                    the detector's temp-path rules look for, and the load is
#                                    meant to be benign); builds $EL_BIN/execload and the target
#                                    $EL_TARGET (a static no-op, else /bin/true); starts an auditd
#                                    of its own in $EL_TMP when none runs, else uses the running
#                                    one ($EL_LOG is the log either way, $EL_AUDITD_PID its pid);
#                                    raises the backlog limit to 8192 if lower; adds one execve
#                                    rule tagged KEY. Cleans all of it up on exit (trap).
#   exec_load_start RATE SECONDS OUT starts RATE execs/s for SECONDS in the background
#                                    ($EL_LOAD_PID); "started failed elapsed" goes to OUT
#   exec_load_wait                   waits for the load to end
#   el_agent_start VAR JAR DIR [JAVA_OPTS...]
#                                    starts an agent as scripts/run.sh does, tailing $EL_LOG with
#                                    its state in DIR, output DIR/out.jsonl (or $EL_AGENT_OUTPUT
#                                    when set, e.g. /dev/null); waits until its tailer
#                                    has the log open; stores the pid in VAR (stopped on exit)
#   el_agent_stop PID                SIGTERM, SIGKILL after 60 s
#   cpu_ticks PID, thread_ticks PID, now, stop_pid PID GRACE, json_path PATH, die MESSAGE
#
# What the caller measures is its own; everything started here is stopped by pid.

el_name=exec-load

die() {
    echo "$el_name: $*" >&2
    exit 1
}

exec_load_hold_lock() {
    if [ -z "${EDGESEC_AUDIT_LOCK_HELD:-}" ]; then
        exec env EDGESEC_AUDIT_LOCK_HELD=1 flock /tmp/edgesec-audit.lock "$@"
    fi
}

# auditctl -s field (enabled, pid, backlog_limit, lost ...)
audit_status() {
    auditctl -s | awk -v k="$1" '$1 == k { print $2 }'
}

# utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/PID/stat; the command
# name in field 2 may hold spaces, so count from the last ')')
cpu_ticks() {
    local stat rest
    stat=$(< "/proc/$1/stat")
    rest=${stat##*) }
    read -r -a f <<< "$rest"
    echo $((f[11] + f[12]))
}

# "ticks name" for every thread of process $1 (the thread name is field 2 of its stat)
thread_ticks() {
    local t stat name rest
    for t in /proc/"$1"/task/*; do
        stat=$(< "$t/stat") || continue
        name=${stat#*(}
        name=${name%)*}
        rest=${stat##*) }
        read -r -a f <<< "$rest"
        printf '%s %s\n' "$((f[11] + f[12]))" "${name// /_}"
    done
}

now() {
    date +%s.%N
}

# a JSON string literal of a file path (backslash and quote escaped; control characters refused)
json_path() {
    local s=$1
    [[ "$s" != *[[:cntrl:]]* ]] || die "path with control characters: $s"
    s=${s//\\/\\\\}
    s=${s//\"/\\\"}
    printf '"%s"' "$s"
}

# waits up to $2 seconds for process $1 to end; then SIGKILL
stop_pid() {
    local pid=$1 grace=$2
    kill -TERM "$pid" 2> /dev/null || return 0
    for _ in $(seq $((grace * 10))); do
        kill -0 "$pid" 2> /dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2> /dev/null; then
        echo "$el_name: pid $pid did not stop on SIGTERM; killing it" >&2
        kill -KILL "$pid" 2> /dev/null || true
    fi
    wait "$pid" 2> /dev/null || true
}

EL_TMP=
EL_BIN=
EL_LOG=
EL_TARGET=
EL_AUDITD_PID=
EL_LOAD_PID=
el_own_auditd=0
el_rule_added=0
el_backlog_changed=0
el_saved_enabled=
el_saved_backlog=
el_rule=()
el_agents=()

exec_load_cleanup() {
    set +e
    [ -n "$EL_LOAD_PID" ] && stop_pid "$EL_LOAD_PID" 10
    local p
    for p in "${el_agents[@]}"; do
        stop_pid "$p" 60
    done
    if [ "$el_rule_added" = 1 ]; then
        auditctl -d "${el_rule[@]}" > /dev/null || echo "$el_name: could not remove the rule: auditctl -d ${el_rule[*]}" >&2
    fi
    [ "$el_backlog_changed" = 1 ] && auditctl -b "$el_saved_backlog" > /dev/null
    [ "$el_own_auditd" = 1 ] && stop_pid "$EL_AUDITD_PID" 30
    if [ -n "$el_saved_enabled" ] && [ "$(audit_status enabled)" != "$el_saved_enabled" ]; then
        auditctl -e "$el_saved_enabled" > /dev/null
    fi
    [ -n "$EL_TMP" ] && rm -rf -- "$EL_TMP"
    [ -n "$EL_BIN" ] && rm -rf -- "$EL_BIN"
}

# exec_load_setup NAME KEY
exec_load_setup() {
    el_name=$1
    local key=$2 here
    here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
    el_rule=("always,exit" -F arch=b64 -S execve -k "$key")
    [ "$(id -u)" = 0 ] || die "needs root (audit rules, auditd)"
    local tool
    for tool in auditctl auditd gcc java; do
        command -v "$tool" > /dev/null || die "$tool not found"
    done
    el_saved_enabled=$(audit_status enabled)
    el_saved_backlog=$(audit_status backlog_limit)
    [ "$el_saved_enabled" != 2 ] || die "the audit configuration is locked (enabled 2); rules cannot be added"

    trap exec_load_cleanup EXIT
    trap 'exit 130' INT TERM
    EL_TMP=$(mktemp -d "/tmp/edgesec-$el_name.XXXXXX")
    EL_BIN=$(mktemp -d "/var/cache/edgesec-$el_name.XXXXXX")

    gcc -O2 -o "$EL_BIN/execload" "$here/execload.c"
    if gcc -O2 -nostdlib -static -o "$EL_BIN/noop" "$here/noop.c" 2> /dev/null; then
        EL_TARGET="$EL_BIN/noop"
    else
        EL_TARGET=/bin/true
    fi

    local conf
    if [ "$(audit_status pid)" = 0 ]; then
        conf="$EL_TMP/audit"
        EL_LOG="$conf/log/audit.log"
        mkdir -p "$conf/log" "$conf/plugins.d"
        {
            echo "local_events = yes"
            echo "write_logs = yes"
            echo "log_file = $EL_LOG"
            echo "log_format = ENRICHED"
            echo "flush = INCREMENTAL_ASYNC"
            echo "freq = 50"
            echo "max_log_file = 1000"
            echo "max_log_file_action = IGNORE"
            echo "space_left = 100"
            echo "admin_space_left = 50"
            echo "disk_full_action = IGNORE"
            echo "disk_error_action = IGNORE"
            echo "plugin_dir = $conf/plugins.d"
            echo "q_depth = 8000"
            echo "end_of_event_timeout = 2"
        } > "$conf/auditd.conf"
        chmod 0600 "$conf/auditd.conf"
        auditd -n -c "$conf" > "$EL_TMP/auditd.out" 2>&1 &
        EL_AUDITD_PID=$!
        el_own_auditd=1
        for _ in $(seq 300); do
            [ "$(audit_status pid)" = "$EL_AUDITD_PID" ] && [ -f "$EL_LOG" ] && break
            kill -0 "$EL_AUDITD_PID" 2> /dev/null || die "auditd exited: $(cat "$EL_TMP/auditd.out")"
            sleep 0.1
        done
        [ "$(audit_status pid)" = "$EL_AUDITD_PID" ] || die "auditd did not register with the kernel"
    else
        # the running auditd's log: log_file of its configuration (-c DIR, else /etc/audit)
        EL_AUDITD_PID=$(audit_status pid)
        conf=/etc/audit
        local argv i
        mapfile -d '' -t argv < "/proc/$EL_AUDITD_PID/cmdline"
        for i in "${!argv[@]}"; do
            [ "${argv[$i]}" = -c ] && conf=${argv[$((i + 1))]}
        done
        EL_LOG=$(awk -F= '$1 ~ /^[ \t]*log_file[ \t]*$/ { gsub(/^[ \t]+|[ \t]+$/, "", $2); print $2 }' "$conf/auditd.conf" 2> /dev/null | tail -n 1)
        EL_LOG=${EL_LOG:-/var/log/audit/audit.log}
        echo "$el_name: using the running auditd (pid $EL_AUDITD_PID), log $EL_LOG" >&2
    fi
    if [ "$el_saved_backlog" -lt 8192 ]; then
        auditctl -b 8192 > /dev/null
        el_backlog_changed=1
    fi
    local out
    if out=$(auditctl -a "${el_rule[@]}" 2>&1); then
        el_rule_added=1
    elif [[ "$out" == *"exists"* ]]; then
        echo "$el_name: the rule is there already; it stays" >&2
    else
        die "auditctl -a ${el_rule[*]}: $out"
    fi
}

# exec_load_start RATE SECONDS OUT
exec_load_start() {
    "$EL_BIN/execload" "$1" "$2" "$EL_TARGET" > "$3" &
    EL_LOAD_PID=$!
}

exec_load_wait() {
    wait "$EL_LOAD_PID"
    EL_LOAD_PID=
}

# el_agent_start VAR JAR DIR [JAVA_OPTS...]: the JVM options of scripts/run.sh (what an operator
# runs), then the caller's
el_agent_start() {
    local el_var=$1 el_jar=$2 el_dir=$3 el_pid
    shift 3
    mkdir -p "$el_dir"
    printf '{"edgesec": {"io.edgesec.collector.audit": {"logPath": %s, "stateDirectory": %s}}}\n' \
        "$(json_path "$EL_LOG")" "$(json_path "$el_dir/audit-state")" > "$el_dir/agent.json"
    MALLOC_ARENA_MAX=2 java -Xmx64m -Xms16m -XX:+UseSerialGC -Xss256k -XX:-UsePerfData "$@" \
        -jar "$el_jar" run --output "${EL_AGENT_OUTPUT:-$el_dir/out.jsonl}" --data-dir "$el_dir/data" --config "$el_dir/agent.json" > "$el_dir/agent.out" 2>&1 &
    el_pid=$!
    el_agents+=("$el_pid")
    printf -v "$el_var" '%s' "$el_pid"
    for _ in $(seq 1200); do
        [ -f "$el_dir/audit-state/audit.log.position" ] && return 0
        kill -0 "$el_pid" 2> /dev/null || die "the agent exited: $(tail -n 20 "$el_dir/agent.out")"
        sleep 0.1
    done
    die "the agent's audit collector did not open $EL_LOG"
}

# el_agent_stop PID
el_agent_stop() {
    local p keep=()
    stop_pid "$1" 60
    for p in "${el_agents[@]}"; do
        [ "$p" = "$1" ] || keep+=("$p")
    done
    el_agents=("${keep[@]}")
}
