package io.edgesec.collector.audit.internal;

import io.edgesec.api.collector.EventSink;
import io.edgesec.api.collector.TriggeredCollector;
import io.edgesec.api.event.Severity;
import io.edgesec.support.UserNames;
import io.edgesec.collector.audit.internal.pipeline.AuditPipeline;
import io.edgesec.collector.audit.internal.pipeline.SeenEvents;
import io.edgesec.collector.audit.internal.pipeline.SinkBatches;
import io.edgesec.collector.audit.internal.rules.AuditRules;
import io.edgesec.collector.audit.internal.rules.Auditctl;
import io.edgesec.collector.audit.internal.rules.KernelAuditStatus;
import io.edgesec.collector.audit.internal.source.AudispSocketSource;
import io.edgesec.collector.audit.internal.source.LogTailer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * The audit collector without OSGi: {@link #open} installs rules if configured, starts the
 * sources (log tailer, plugin socket, or both) and a status thread on their own daemon threads;
 * {@link #close} stops them, saves the log position and removes exactly the rules it added.
 * Nothing here throws out of a thread: failures become CollectorStatus events.
 */
public final class AuditCollector implements TriggeredCollector {
    private final CollectorSettings settings;
    private final Object lock = new Object();
    private final List<Thread> threads = new ArrayList<>();
    private LogTailer tailer;
    private AudispSocketSource socketSource;
    private AuditPipeline logPipeline;
    private AuditPipeline socketPipeline;
    private AuditRules rules;
    private StatusReporter reporter;
    private OwnAuditctlPids ownPids;
    private volatile boolean running;
    private final Object statusWakeup = new Object();

    private final ThreadFactory threadFactory;

    public AuditCollector(CollectorSettings settings) {
        this(settings, Thread::new);
    }

    /** @param threadFactory makes the source and status threads (tests start them late, as a busy machine may) */
    AuditCollector(CollectorSettings settings, ThreadFactory threadFactory) {
        this.settings = settings;
        this.threadFactory = threadFactory;
    }

    @Override
    public void open(EventSink sink) {
        synchronized (lock) {
            if (running) {
                throw new IllegalStateException("the audit collector is already open");
            }
            running = true;
            reporter = new StatusReporter(sink);
            // before the pipelines: they tell the collector's own rule changes by these pids
            Auditctl auditctl = new Auditctl(settings.auditctl(), 10_000);
            ownPids = OwnAuditctlPids.load(settings.auditctlPidsFile(), auditctl);
            UserNames names = new UserNames(settings.passwdPath());
            SeenEvents seen = settings.sourceMode() == CollectorSettings.SourceMode.BOTH ? new SeenEvents(65536) : null;
            if (settings.sourceMode().log()) {
                logPipeline = new AuditPipeline(settings.logPath().toString(), settings.events(), names,
                        new SinkBatches(sink), 2000);
                logPipeline.dedupeWith(seen);
                logPipeline.collectorRules(settings.ruleKey(), ownPids::contains);
                tailer = new LogTailer(settings.logPath(), settings.positionFile(), logPipeline, reporter,
                        settings.pollMillis(), 500, settings.startAtEnd());
                // where reading starts is fixed here, before the rules make records and before the
                // thread runs: positioned at the end by the thread, it skipped what was written
                // between open() and its first look (AuditIntegrationTest's lost events)
                tailer.open();
            }
            if (settings.sourceMode().socket()) {
                socketPipeline = new AuditPipeline(settings.socketPath().toString(), settings.events(), names,
                        new SinkBatches(sink), 2000);
                socketPipeline.dedupeWith(seen);
                socketPipeline.collectorRules(settings.ruleKey(), ownPids::contains);
                socketSource = new AudispSocketSource(settings.socketPath(), socketPipeline, reporter);
                // connecting before the rules are installed: the plugin drops records while no client is connected
                start(socketSource, "edgesec-audit-socket");
            }
            if (settings.installRules()) {
                rules = new AuditRules(auditctl, settings.ruleKey());
                try {
                    List<List<String>> wanted = new ArrayList<>(AuditRules.rulesFor(settings.events(), AuditRules.localArches(),
                            settings.ruleKey()));
                    wanted.addAll(AuditRules.hostWatches(settings.events(), settings.hostRoot(), settings.passwdPath(),
                            settings.ruleKey()));
                    AuditRules.Scoped scoped = AuditRules.scope(wanted, settings.hostRoot());
                    if (!scoped.skipped().isEmpty()) {
                        // a directory that is not there (no cron, no sudo, a container without the bind) has nothing to watch
                        reporter.status("auditctl", "watches-skipped", Severity.INFORMATION, "not watched, their directory "
                                + "does not exist or is not the host's" + (settings.hostRoot().isEmpty() ? "" : " (under hostRoot "
                                + settings.hostRoot() + ")") + ": " + String.join(", ", scoped.skipped())
                                + "; FileChange events and the alerts IOTA-043/-045 for them come only from command lines");
                    }
                    for (String problem : rules.install(scoped.rules())) {
                        reporter.status("auditctl", "rule-not-installed", Severity.ERROR, problem);
                    }
                } catch (IOException e) {
                    reporter.status("auditctl", "rules-not-installed", Severity.ERROR, "cannot run " + settings.auditctl() + ": "
                            + e.getMessage() + "; ProcessCreate and ConnectionCreate need audit rules");
                }
            } else if (io.edgesec.collector.audit.internal.rules.HostRules.needed(settings.events())) {
                checkHostRules(auditctl);
            }
            if (tailer != null) {
                start(tailer, "edgesec-audit-log");
            }
            start(() -> statusLoop(auditctl), "edgesec-audit-status");
        }
    }

    /**
     * The host keeps the rules (installRules false, e.g. the least-privilege profile with
     * deploy/audit/edgesec.rules): says so, as a warning, when they are not in force or cannot be seen,
     * instead of ProcessCreate and ConnectionCreate silently never coming.
     */
    private void checkHostRules(Auditctl auditctl) {
        String hint = "; install deploy/audit/edgesec.rules on the host (augenrules --load), or run with the "
                + "full-visibility profile and installRules=true";
        try {
            Auditctl.Result r = auditctl.run("-l");
            if (!r.ok()) {
                reporter.status("auditctl", "rules-unverifiable", Severity.WARNING, "cannot list the kernel's audit rules ("
                        + settings.auditctl() + " -l: " + r.output() + "): ProcessCreate and ConnectionCreate need them" + hint);
                return;
            }
            List<String> missing = io.edgesec.collector.audit.internal.rules.HostRules.missing(r.output(), settings.events());
            List<String> optional = io.edgesec.collector.audit.internal.rules.HostRules.missingOptional(r.output(),
                    settings.events());
            // ProcessCreate and ConnectionCreate are required (most alerts read them); the watches and the module
            // rules are optional: the alerts they serve also fire from command lines
            String optionalText = optional.isEmpty() ? "" : "; optional, for the alerts IOTA-023, -040, -043, -045 (which "
                    + "then fire from command lines only): " + String.join(", ", optional);
            if (!missing.isEmpty()) {
                reporter.status("auditctl", "rules-not-in-force", Severity.WARNING, "the kernel's audit rules make no records for "
                        + String.join(", ", missing) + optionalText + hint);
            } else if (!optional.isEmpty()) {
                reporter.status("auditctl", "optional-rules-not-in-force", Severity.INFORMATION, "the kernel's audit rules "
                        + "make the records ProcessCreate and ConnectionCreate need" + optionalText + hint);
            }
        } catch (IOException | RuntimeException e) {
            reporter.status("auditctl", "rules-unverifiable", Severity.WARNING, "cannot run " + settings.auditctl() + " -l: "
                    + e.getMessage() + "; ProcessCreate and ConnectionCreate need audit rules" + hint);
        }
    }

    private void start(Runnable r, String name) {
        Thread t = threadFactory.newThread(r);
        t.setName(name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private void statusLoop(Auditctl auditctl) {
        boolean kernelReported = false;
        while (running) {
            synchronized (statusWakeup) {
                try {
                    statusWakeup.wait(settings.statusIntervalMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
            KernelAuditStatus kernel = null;
            try {
                Auditctl.Result r = auditctl.run("-s");
                if (r.ok()) {
                    kernel = KernelAuditStatus.parse(r.output());
                } else if (!kernelReported) {
                    reporter.status("auditctl", "kernel-status-unavailable", Severity.WARNING, "auditctl -s failed: " + r.output()
                            + "; records dropped by the kernel cannot be counted");
                    kernelReported = true;
                }
            } catch (IOException | RuntimeException e) {
                if (!kernelReported) {
                    reporter.status("auditctl", "kernel-status-unavailable", Severity.WARNING, "cannot run auditctl -s: " + e.getMessage()
                            + "; records dropped by the kernel cannot be counted");
                    kernelReported = true;
                }
            }
            report(kernel);
        }
    }

    private void report(KernelAuditStatus kernel) {
        try {
            if (logPipeline != null) {
                reporter.report(settings.logPath().toString(), logPipeline, kernel);
                kernel = null; // the kernel counter is reported once per round
            }
            if (socketPipeline != null) {
                reporter.report(settings.socketPath().toString(), socketPipeline, kernel);
            }
        } catch (RuntimeException e) {
            reporter.status("audit", "failed", Severity.WARNING, "status report failed: " + e);
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (!running) {
                return;
            }
            running = false;
            if (tailer != null) {
                tailer.stop();
            }
            if (socketSource != null) {
                socketSource.stop();
            }
            synchronized (statusWakeup) {
                statusWakeup.notifyAll();
            }
            for (Thread t : threads) {
                try {
                    t.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            threads.clear();
            report(null);
            if (rules != null) {
                for (String problem : rules.removeInstalled()) {
                    reporter.status("auditctl", "rule-not-removed", Severity.WARNING, problem);
                }
                rules = null;
            }
            if (ownPids != null) {
                // the records of the removals above are read by the next start: they are this collector's own
                ownPids.save(settings.auditctlPidsFile());
            }
            tailer = null;
            socketSource = null;
        }
    }

    /** @return the log pipeline (tests), or null */
    AuditPipeline logPipeline() {
        return logPipeline;
    }

    AuditRules rules() {
        return rules;
    }
}
