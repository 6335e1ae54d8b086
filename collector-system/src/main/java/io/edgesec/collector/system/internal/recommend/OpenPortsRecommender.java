package io.edgesec.collector.system.internal.recommend;

import io.edgesec.api.collector.CollectorName;
import io.edgesec.api.collector.EventEnricher;
import io.edgesec.api.collector.EventSink;
import io.edgesec.api.collector.TriggeredCollector;
import io.edgesec.api.event.CollectorStatus;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.Severity;
import io.edgesec.api.event.SecurityEvent;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * IoT_OpenPorts. Watches the ListeningPorts events on their way into the aggregator (as an
 * enricher that leaves every event unchanged) and pushes the new or changed findings as a
 * triggered collector. The findings are submitted from a thread of its own: the enricher runs
 * inside the aggregator's intake and must not re-enter it.
 */
@Component(configurationPid = OpenPortsConfig.PID, service = {EventEnricher.class, TriggeredCollector.class})
@CollectorName(OpenPortsRecommender.NAME)
@Designate(ocd = OpenPortsConfig.class)
public class OpenPortsRecommender implements EventEnricher, TriggeredCollector {
    static final String NAME = "open-ports-recommendation";
    private final OpenPorts rule;
    private final boolean enabled;
    private final FindingTracker tracker = new FindingTracker();
    private volatile EventSink sink;
    private volatile ExecutorService sender;

    @Activate
    public OpenPortsRecommender(OpenPortsConfig config) {
        this.rule = new OpenPorts(config.allowedPorts());
        this.enabled = config.enabled();
    }

    @Override
    public void open(EventSink sink) {
        // one thread, in order, which ends when idle for 5 s (it sends rarely: after a snapshot)
        java.util.concurrent.ThreadPoolExecutor one = new java.util.concurrent.ThreadPoolExecutor(1, 1, 5, java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "edgesec-open-ports");
                    t.setDaemon(true);
                    return t;
                });
        one.allowCoreThreadTimeOut(true);
        this.sender = one;
        this.sink = sink;
        for (String p : rule.problems()) {
            sink.submit(CollectorStatus.of(NAME, "ConfigurationError", Severity.WARNING, p));
        }
    }

    @Override
    public void close() {
        ExecutorService s = sender;
        sink = null;
        if (s != null) {
            s.shutdown();
        }
    }

    @Override
    public SecurityEvent enrich(SecurityEvent event) {
        if (enabled && EventNames.LISTENING_PORTS.equals(event.name())) {
            EventSink out = sink;
            ExecutorService s = sender;
            if (out != null && s != null) {
                List<Recommendation> fresh = tracker.update(OpenPorts.TYPE, rule.findings(event.payload()));
                if (!fresh.isEmpty()) {
                    try {
                        s.execute(() -> fresh.forEach(r -> out.submit(r.event())));
                    } catch (RejectedExecutionException e) {
                        // closing: the aggregator is releasing this collector and takes no more events
                    }
                }
            }
        }
        return event;
    }

    /** For tests: the findings a ListeningPorts event raises now. */
    List<Recommendation> evaluate(SecurityEvent listeningPorts) {
        return tracker.update(OpenPorts.TYPE, rule.findings(listeningPorts.payload()));
    }
}
