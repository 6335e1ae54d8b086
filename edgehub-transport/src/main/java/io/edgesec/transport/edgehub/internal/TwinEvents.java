package io.edgesec.transport.edgehub.internal;

import io.edgesec.api.collector.CollectorName;
import io.edgesec.support.Bounded;
import io.edgesec.support.HeldUntilOpen;
import io.edgesec.api.collector.EventSink;
import io.edgesec.api.collector.TriggeredCollector;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.EventType;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.support.json.JsonText;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * ConfigurationError events for twin updates refused before the configuration service sees
 * them (over the document limits, unparseable, a section of the wrong type): one event per
 * update, its text bounded. Events from before the aggregator took this collector are held
 * (at most {@link #MAX_PENDING}, then counted and reported: {@link HeldUntilOpen}).
 */
@Component(service = {TwinEvents.class, TriggeredCollector.class})
@CollectorName("twin")
public class TwinEvents implements TriggeredCollector {
    static final int MAX_PENDING = 100;
    private final HeldUntilOpen held = new HeldUntilOpen("twin", MAX_PENDING);

    /** Reports one refused twin update. */
    void configurationError(String name, String errorType, String message, Integer version) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("ConfigurationName", Bounded.text(name, 100));
        p.put("ErrorType", errorType);
        Map<String, Object> used = new LinkedHashMap<>();
        used.put("source", "twin");
        used.put("desiredVersion", version);
        used.put("kept", "previous configuration");
        p.put("UsedConfiguration", JsonText.write(used));
        p.put("Message", Bounded.text(message));
        SecurityEvent e = SecurityEvent.builder(EventNames.CONFIGURATION_ERROR).type(EventType.OPERATIONAL).payload(p).build();
        held.submit(e);
    }

    @Override
    public void open(EventSink eventSink) {
        held.open(eventSink);
    }

    @Override
    public void close() {
        held.close();
    }
}
