#!/bin/bash
# Event and message JSON before and after Jackson's JsonGenerator (issue 13), with JMH, on a
# loaded machine: what is compared runs side by side, rounds repeated, ratios reported.
#  1. serialization: per round and event kind one JMH invocation of AFTER's
#     EventSerializationBenchmark runs serialize, utf8Size and message of the old writer (*Old: the
#     hand-written writer of agent-api 1.3.0, a frozen copy) and of the new one (*New) back to back;
#  2. the pipeline: AggregatorThroughputBenchmark of the BEFORE jar and of the AFTER jar in
#     alternating rounds (order flipped every round), JMH's events/s (wall) and the benchmark's own
#     events per CPU-second of its thread.
#  3. serialization by CPU time: EventSerializationAB (in AFTER's jar) runs the old and the new
#     writer in alternating rounds in one JVM, measuring the CPU time of its thread (what the
#     queues pay per event), the measure that a loaded machine disturbs least.
# Prints per case the median of each side and the median, min and max of the per-round ratios
# (new / old), and the load average before and after.
# Usage: bench/json-events-ab.sh ROUNDS BEFORE.jar AFTER.jar
#   (jars: benchmarks/target/benchmarks.jar built at each commit, e.g. mvn -o -q -pl benchmarks -am
#   package -DskipTests in a copy of the tree at the commit before)
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 ROUNDS BEFORE.jar AFTER.jar" >&2; exit 2; }
rounds=$1 before=$2 after=$3
for j in "$before" "$after"; do [ -f "$j" ] || { echo "no such jar: $j" >&2; exit 2; }; done
tmp=$(mktemp -d /tmp/edgesec-json-events-ab.XXXXXX)
trap 'rm -rf -- "$tmp"' EXIT
jmh=(-f 1 -wi 2 -w 1 -i 3 -r 1 -tu s -bm thrpt -rf csv)
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((r = 1; r <= rounds; r++)); do
    for kind in ProcessCreate ConnectionCreate ListeningPorts; do
        java -jar "$after" 'EventSerializationBenchmark\.(serialize|utf8Size|message)(Old|New)$' -p kind="$kind" \
            "${jmh[@]}" -rff "$tmp/ser-$r-$kind.csv" > "$tmp/ser-$r-$kind.log" 2>&1
    done
    if ((r % 2)); then order=(before after); else order=(after before); fi
    for side in "${order[@]}"; do
        jar=$before; [ "$side" = after ] && jar=$after
        java -jar "$jar" 'AggregatorThroughputBenchmark\.pipeline$' -p spool=off,on -p aggregation=on,off \
            -f 1 -wi 2 -w 2 -i 3 -r 2 -tu s -bm thrpt -rf csv -rff "$tmp/pipe-$r-$side.csv" > "$tmp/pipe-$r-$side.log" 2>&1
    done
    echo "round $r done, load $(cut -d' ' -f1-3 /proc/loadavg)"
done
echo
echo "serialization by CPU time (EventSerializationAB, $((rounds * 7)) rounds):"
java -Xmx256m -cp "$after" io.edgesec.aggregator.internal.EventSerializationAB $((rounds * 7))
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$tmp" "$rounds" <<'PY'
import csv, glob, re, statistics, sys
tmp, rounds = sys.argv[1], int(sys.argv[2])
def rows(path):
    with open(path) as f:
        return list(csv.DictReader(f))
def med(xs):
    return statistics.median(xs)
# 1. serialization: pairs from the same invocation
pairs = {}
for r in range(1, rounds + 1):
    for path in glob.glob(f"{tmp}/ser-{r}-*.csv"):
        score = {}
        for row in rows(path):
            name = row["Benchmark"].rsplit(".", 1)[1]
            score[(name, row["Param: kind"])] = float(row["Score"])
        for (name, kind), new in score.items():
            if name.endswith("New"):
                base = name[:-3]
                old = score[(base + "Old", kind)]
                pairs.setdefault((base, kind), []).append((old, new))
print("\n| serialization (ops/s, wall) | kind | old (median) | new (median) | ratio new/old: median (min-max) |")
print("| --- | --- | --- | --- | --- |")
for (base, kind), ps in sorted(pairs.items()):
    ratios = [n / o for o, n in ps]
    print(f"| {base} | {kind} | {med([o for o, _ in ps]):,.0f} | {med([n for _, n in ps]):,.0f} | "
          f"{med(ratios):.2f} ({min(ratios):.2f}-{max(ratios):.2f}) |")
# 2. pipeline: JMH score and events per CPU-second, per round and side
cpu = re.compile(r"\[pipeline aggregation=(\w+)\] cpu-normalized: (\d+) events per CPU-second")
res = {}
for r in range(1, rounds + 1):
    for side in ("before", "after"):
        wall = {}
        for row in rows(f"{tmp}/pipe-{r}-{side}.csv"):
            wall[(row["Param: aggregation"], row["Param: spool"])] = float(row["Score"])
        # the log prints cpu lines in benchmark order: match them to the params JMH announces
        text = open(f"{tmp}/pipe-{r}-{side}.log").read()
        for block in text.split("# Parameters: ")[1:]:
            params = dict(kv.split(" = ") for kv in block.split("\n", 1)[0].strip("()").split(", "))
            m = cpu.search(block)
            key = (params["aggregation"], params["spool"])
            res.setdefault(key, {}).setdefault(side, []).append((wall[key], float(m.group(2)) if m else float("nan")))
print("\n| pipeline (events/s) | aggregation, spool | before wall / CPU-s (median) | after wall / CPU-s (median) | ratio wall: median (min-max) | ratio per CPU-s: median (min-max) |")
print("| --- | --- | --- | --- | --- | --- |")
for key, sides in sorted(res.items()):
    b, a = sides["before"], sides["after"]
    rw = [x[0] / y[0] for x, y in zip(a, b)]
    rc = [x[1] / y[1] for x, y in zip(a, b)]
    print(f"| pipeline | {key[0]}, {key[1]} | {med([x[0] for x in b]):,.0f} / {med([x[1] for x in b]):,.0f} | "
          f"{med([x[0] for x in a]):,.0f} / {med([x[1] for x in a]):,.0f} | {med(rw):.2f} ({min(rw):.2f}-{max(rw):.2f}) | "
          f"{med(rc):.2f} ({min(rc):.2f}-{max(rc):.2f}) |")
PY
