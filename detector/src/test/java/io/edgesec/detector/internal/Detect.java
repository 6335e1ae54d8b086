package io.edgesec.detector.internal;

import io.edgesec.api.event.SecurityEvent;
import io.edgesec.detector.internal.engine.DetectionEngine;
import io.edgesec.detector.internal.engine.DetectorSettings;
import io.edgesec.detector.internal.engine.Rules;
import io.edgesec.detector.internal.view.ReadAhead;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Runs the engine with the built-in rules over events; test helper. */
public final class Detect {
    private Detect() {
    }

    public static List<SecurityEvent> alerts(List<SecurityEvent> events, Map<String, Object> config) {
        return alerts(engine(config), events);
    }

    /** An engine with the built-in rules and {@code config} (the detector's configuration section). */
    public static DetectionEngine engine(Map<String, Object> config) {
        DetectorSettings s = new DetectorSettings(config);
        return new DetectionEngine(Rules.load(s), s);
    }

    /** The alerts {@code engine} raises for {@code events}, then for what is left when they end. */
    public static List<SecurityEvent> alerts(DetectionEngine engine, List<SecurityEvent> events) {
        List<SecurityEvent> out = new ArrayList<>();
        for (SecurityEvent e : events) {
            out.addAll(engine.detect(e));
        }
        out.addAll(engine.finish());
        return out;
    }

    /**
     * {@link #alerts(DetectionEngine, List)} with each event handed over as the detector's thread
     * takes it from its queue (a process start's fields read ahead: see ReadAhead).
     */
    public static List<SecurityEvent> alertsReadAhead(DetectionEngine engine, List<SecurityEvent> events) {
        List<SecurityEvent> out = new ArrayList<>();
        for (SecurityEvent e : events) {
            out.addAll(engine.detect(ReadAhead.of(e)));
        }
        out.addAll(engine.finish());
        return out;
    }

    public static TreeSet<String> ids(List<SecurityEvent> alerts) {
        TreeSet<String> ids = new TreeSet<>();
        for (SecurityEvent a : alerts) {
            ids.add((String) a.payload().get(0).get("AlertId"));
        }
        return ids;
    }
}
