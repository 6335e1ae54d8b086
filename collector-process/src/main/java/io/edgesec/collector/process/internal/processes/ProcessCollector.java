package io.edgesec.collector.process.internal.processes;

import io.edgesec.api.collector.CollectorName;
import io.edgesec.api.collector.PeriodicCollector;
import io.edgesec.api.event.EventCategory;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.collector.process.internal.procfs.ProcFs;
import io.edgesec.support.UserNames;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Process start and exit from successive /proc scans. Such events are marked
 * {@code ExtraDetails.Source = procfs-scan}: a scan misses short-lived processes and cannot know
 * an exit status, which the audit collector (the precise source) does not.
 */
@Component(configurationPid = ProcessCollectorConfig.PID)
@CollectorName("process")
@Designate(ocd = ProcessCollectorConfig.class)
public class ProcessCollector implements PeriodicCollector {
    static final String SOURCE = "procfs-scan";
    private final ProcessTable table;
    private final UserNames users;
    private final ProcessCollectorConfig config;
    private final Duration snapshotPeriod;
    private Map<Integer, ProcessInfo> previous;
    private Instant lastSnapshot;

    @Activate
    public ProcessCollector(ProcessCollectorConfig config) {
        ProcFs proc = new ProcFs(Path.of(config.procRoot()));
        this.table = new ProcessTable(proc);
        this.users = new UserNames(proc.hostRoot().resolve("etc/passwd"));
        this.config = config;
        this.snapshotPeriod = config.processSnapshotPeriod().isBlank() ? null : Duration.parse(config.processSnapshotPeriod());
    }

    @Override
    public synchronized List<SecurityEvent> collect() throws IOException {
        Instant now = Instant.now();
        Map<Integer, ProcessInfo> current = table.scan();
        List<SecurityEvent> out = new ArrayList<>();
        if (previous != null) {
            for (ProcessInfo p : current.values()) {
                ProcessInfo before = previous.get(p.pid());
                boolean started = before == null || before.startTicks() != p.startTicks();
                boolean execd = !started && !before.executable().equals(p.executable());
                if (started && before != null && config.reportTerminate()) {
                    out.add(terminate(before, now)); // the pid was reused: the old process ended first
                }
                if ((started || execd) && config.reportCreate()) {
                    out.add(create(p, now, execd));
                }
            }
            if (config.reportTerminate()) {
                for (ProcessInfo p : previous.values()) {
                    if (!current.containsKey(p.pid())) {
                        out.add(terminate(p, now));
                    }
                }
            }
        }
        previous = current;
        if (snapshotPeriod != null && (lastSnapshot == null || !now.isBefore(lastSnapshot.plus(snapshotPeriod)))) {
            lastSnapshot = now;
            out.add(snapshot(current, now));
        }
        return out;
    }

    private SecurityEvent create(ProcessInfo p, Instant now, boolean execd) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("Executable", p.executable());
        payload.put("CommandLine", p.commandLine());
        payload.put("UserId", p.uid());
        String name = users.name(p.uid());
        if (name != null) {
            payload.put("UserName", name);
        }
        payload.put("ProcessId", p.pid());
        payload.put("ParentProcessId", p.ppid());
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("Source", SOURCE);
        if (execd) {
            extra.put("Exec", "true"); // same pid, new program
        }
        payload.put("ExtraDetails", extra);
        return SecurityEvent.builder(EventNames.PROCESS_CREATE).category(EventCategory.TRIGGERED)
                .timestamp(now).payload(payload).build();
    }

    private SecurityEvent terminate(ProcessInfo p, Instant now) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("Executable", p.executable());
        payload.put("ProcessId", p.pid());
        payload.put("ExitStatus", -1); // required by the schema; a scan cannot know it
        Map<String, String> extra = new LinkedHashMap<>(); // not Map.of: its order changes from run to run
        extra.put("Source", SOURCE);
        extra.put("ExitStatusKnown", "false");
        payload.put("ExtraDetails", extra);
        return SecurityEvent.builder(EventNames.PROCESS_TERMINATE).category(EventCategory.TRIGGERED)
                .timestamp(now).payload(payload).build();
    }

    private SecurityEvent snapshot(Map<Integer, ProcessInfo> current, Instant now) {
        SecurityEvent.Builder b = SecurityEvent.builder(EventNames.PROCESS_SNAPSHOT).category(EventCategory.PERIODIC).timestamp(now);
        for (ProcessInfo p : new TreeMap<>(current).values()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("ProcessId", p.pid());
            item.put("ParentProcessId", p.ppid());
            item.put("UserId", p.uid());
            item.put("Executable", p.executable());
            item.put("CommandLine", p.commandLine());
            b.payload(item);
        }
        return b.build();
    }
}
