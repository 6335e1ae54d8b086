package io.edgesec.transport.edgehub.internal;

import io.edgesec.api.collector.Collector;
import io.edgesec.api.collector.EventSink;
import io.edgesec.api.collector.TriggeredCollector;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.EventType;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.api.json.JsonWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * ConfigurationError events for twin updates refused before the configuration service sees
 * them (over the document limits, unparseable, a section of the wrong type): one event per
 * update, its text bounded. Events from before the aggregator took this collector are held
 * (at most {@link #MAX_PENDING}, then counted).
 */
@Component(service = {TwinEvents.class, TriggeredCollector.class}, property = Collector.NAME + "=twin")
public class TwinEvents implements TriggeredCollector {
    static final int MAX_PENDING = 100;
    private final List<SecurityEvent> pending = new ArrayList<>();
    private EventSink sink;
    private long droppedBeforeOpen;

    /** Reports one refused twin update. */
    void configurationError(String name, String errorType, String message, Integer version) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("ConfigurationName", Bounded.text(name, 100));
        p.put("ErrorType", errorType);
        Map<String, Object> used = new LinkedHashMap<>();
        used.put("source", "twin");
        used.put("desiredVersion", version);
        used.put("kept", "previous configuration");
        p.put("UsedConfiguration", JsonWriter.write(used));
        p.put("Message", Bounded.text(message));
        SecurityEvent e = SecurityEvent.builder(EventNames.CONFIGURATION_ERROR).type(EventType.OPERATIONAL).payload(p).build();
        EventSink s;
        synchronized (pending) {
            s = sink;
            if (s == null) {
                if (pending.size() < MAX_PENDING) {
                    pending.add(e);
                } else {
                    droppedBeforeOpen++;
                }
                return;
            }
        }
        s.submit(e);
    }

    long droppedBeforeOpen() {
        synchronized (pending) {
            return droppedBeforeOpen;
        }
    }

    @Override
    public void open(EventSink eventSink) {
        synchronized (pending) {
            sink = eventSink;
            pending.forEach(eventSink::submit);
            pending.clear();
        }
    }

    @Override
    public void close() {
        synchronized (pending) {
            sink = null;
        }
    }
}
