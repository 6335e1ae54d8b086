package io.edgesec.detector.internal.osgi;

import io.edgesec.api.collector.Collector;
import io.edgesec.api.collector.EventSink;
import io.edgesec.api.collector.TriggeredCollector;
import io.edgesec.api.detect.EventObserver;
import io.edgesec.api.event.CollectorStatus;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.api.event.Severity;
import io.edgesec.detector.internal.engine.DetectionEngine;
import io.edgesec.detector.internal.engine.DetectorSettings;
import io.edgesec.detector.internal.engine.Rules;
import io.edgesec.detector.internal.rules.RuleSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The detector in the agent: an {@link EventObserver} the aggregator feeds with every accepted
 * event, and a {@link TriggeredCollector} named {@code detector} through whose sink the alerts go
 * the normal way (quota, queues, journal, messages). A configuration change applies live on the
 * detector thread; a bad one is refused whole (reported, the previous one stays).
 *
 * <p>Stopping (bundle update, shutdown): the queued events are judged, every alert still folding
 * is sent with its count, and the engine's state (open fold windows, brute-force failures,
 * downloads being watched) is written to {@code <data dir>/detector/state.json}, from which the
 * next detector bundle starts.
 */
@Component(configurationPid = DetectorSettings.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true, service = {})
@Designate(ocd = DetectorConfig.class)
public final class DetectorComponent {
    public static final String NAME = "detector";
    private static final Logger LOG = Logger.getLogger(DetectorComponent.class.getName());
    private static final int MAX_EARLY_ALERTS = 1000;

    private final DetectorThread thread;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private final List<SecurityEvent> early = new ArrayList<>();
    private final Path stateFile;
    /**
     * How long the detector waits at most for the agent's first message before it reads its
     * rules ({@link AfterFirstMessage}); events are queued meanwhile, none is lost.
     */
    static final long START_WAIT_MS = 2_000;
    /** Null when the rules were read at activation. */
    private final AfterFirstMessage afterFirstMessage;
    private volatile EventSink sink;

    @Activate
    public DetectorComponent(BundleContext context, DetectorConfig config, Map<String, Object> properties) {
        String data = context.getProperty("edgesec.data.dir");
        stateFile = data == null ? null : Path.of(data, "detector", "state.json");
        DetectorSettings s;
        String rejected = null;
        try {
            s = new DetectorSettings(properties);
        } catch (IllegalArgumentException e) {
            // a bad configuration must not leave the device without detection: the defaults run
            rejected = e.getMessage();
            s = DetectorSettings.defaults();
        }
        if (rejected == null && (!s.ruleFiles.isEmpty() || !s.rules.isBlank())) {
            // rules of the configuration: read now, so that bad ones are refused whole with the
            // rest of it, before the queue is sized from it
            DetectionEngine engine;
            try {
                engine = engine(s, Rules.load(s));
            } catch (IllegalArgumentException e) {
                rejected = e.getMessage();
                s = DetectorSettings.defaults();
                engine = engine(s, Rules.load(s));
            }
            afterFirstMessage = null;
            thread = new DetectorThread(s.queueCapacity, engine, this::send);
        } else {
            // the built-in rules only (checked at build time: every detector test loads them):
            // read and compiled on the detector's thread once the agent's first message is out
            // (at most START_WAIT_MS from now); the events observed meanwhile wait in its queue
            DetectorSettings settings = s;
            AfterFirstMessage gate = new AfterFirstMessage(context);
            afterFirstMessage = gate;
            thread = new DetectorThread(s.queueCapacity, () -> {
                gate.await(START_WAIT_MS);
                return engine(settings, Rules.load(settings));
            }, this::send);
        }
        if (rejected != null) {
            send(List.of(CollectorStatus.of(NAME, "ConfigurationRejected", Severity.ERROR,
                    "configuration rejected, running with the defaults: " + rejected)));
        }
        thread.start();
        registrations.add(context.registerService(TriggeredCollector.class, new AlertSource(),
                props(Collector.NAME, NAME)));
        registrations.add(context.registerService(EventObserver.class, (EventObserver) thread::offer,
                props(EventObserver.NAME, NAME)));
    }

    /** An engine of these rules, with the state the previous detector left. */
    private DetectionEngine engine(DetectorSettings s, RuleSet rules) {
        DetectionEngine engine = new DetectionEngine(rules, s);
        if (stateFile != null) {
            EngineState.restore(stateFile, engine);
        }
        return engine;
    }

    @Modified
    void modified(Map<String, Object> properties) {
        DetectorSettings s;
        RuleSet rules;
        try {
            s = new DetectorSettings(properties);
            rules = Rules.load(s);
        } catch (IllegalArgumentException e) {
            LOG.warning("detector configuration rejected, keeping the previous one: " + e.getMessage());
            send(List.of(CollectorStatus.of(NAME, "ConfigurationRejected", Severity.ERROR,
                    "configuration rejected, the previous one stays: " + e.getMessage())));
            return;
        }
        DetectorSettings settings = s;
        thread.change(() -> thread.engine().reconfigure(rules, settings));
    }

    @Deactivate
    void deactivate() {
        // no more events in; judge what is queued; send what is folding; keep the state for the next detector
        unregister(EventObserver.class);
        if (afterFirstMessage != null) {
            afterFirstMessage.open(); // the rules now, to judge what is queued
        }
        thread.stop(10_000);
        DetectionEngine engine = thread.engine();
        if (engine == null) {
            LOG.warning("detector stopped before its rules were read: " + thread.queued() + " queued events not judged");
            unregister(null);
            return;
        }
        if (stateFile != null) {
            EngineState.save(stateFile, engine);
        }
        send(engine.flushForShutdown());
        unregister(null);
    }

    private void unregister(Class<?> only) {
        for (var it = registrations.iterator(); it.hasNext();) {
            ServiceRegistration<?> r = it.next();
            try {
                String[] classes = (String[]) r.getReference().getProperty(org.osgi.framework.Constants.OBJECTCLASS);
                if (only != null && !List.of(classes).contains(only.getName())) {
                    continue;
                }
                r.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
            it.remove();
        }
    }

    private void send(List<SecurityEvent> alerts) {
        EventSink s = sink;
        if (s == null) {
            synchronized (early) {
                s = sink;
                if (s == null) {
                    for (SecurityEvent a : alerts) {
                        if (early.size() < MAX_EARLY_ALERTS) {
                            early.add(a);
                        } else {
                            LOG.warning("detector: alert raised before the aggregator took the detector, dropped: " + a.id());
                        }
                    }
                    return;
                }
            }
        }
        s.submitAll(alerts);
    }

    /** The alerts' way into the agent. */
    private final class AlertSource implements TriggeredCollector {
        @Override
        public void open(EventSink s) {
            List<SecurityEvent> first;
            synchronized (early) {
                sink = s;
                first = new ArrayList<>(early);
                early.clear();
            }
            if (!first.isEmpty()) {
                s.submitAll(first);
            }
        }

        @Override
        public void close() {
            sink = null;
        }
    }

    private static Dictionary<String, Object> props(String... kv) {
        Hashtable<String, Object> t = new Hashtable<>();
        for (int i = 0; i < kv.length; i += 2) {
            t.put(kv[i], kv[i + 1]);
        }
        return t;
    }
}
