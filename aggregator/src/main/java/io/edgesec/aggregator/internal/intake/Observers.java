package io.edgesec.aggregator.internal.intake;

import io.edgesec.api.detect.EventObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The registered {@link EventObserver}s, as an immutable list read on every event without a
 * lock (copy on write: observers come and go rarely, events arrive all the time).
 */
public final class Observers {
    public record Entry(long serviceId, String name, EventObserver observer) {
    }

    private final Map<Long, Entry> byId = new TreeMap<>();
    private volatile List<Entry> list = List.of();

    public synchronized void add(long serviceId, String name, EventObserver observer) {
        byId.put(serviceId, new Entry(serviceId, name, observer));
        list = List.copyOf(new ArrayList<>(byId.values()));
    }

    public synchronized void remove(long serviceId) {
        if (byId.remove(serviceId) != null) {
            list = List.copyOf(new ArrayList<>(byId.values()));
        }
    }

    public List<Entry> list() {
        return list;
    }
}
