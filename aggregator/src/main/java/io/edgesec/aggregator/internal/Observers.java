package io.edgesec.aggregator.internal;

import io.edgesec.api.detect.EventObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The registered {@link EventObserver}s, as an immutable list read on every event without a
 * lock (copy on write: observers come and go rarely, events arrive all the time).
 */
final class Observers {
    record Entry(long serviceId, String name, EventObserver observer) {
    }

    private final Map<Long, Entry> byId = new TreeMap<>();
    private volatile List<Entry> list = List.of();

    synchronized void add(long serviceId, String name, EventObserver observer) {
        byId.put(serviceId, new Entry(serviceId, name, observer));
        list = List.copyOf(new ArrayList<>(byId.values()));
    }

    synchronized void remove(long serviceId) {
        if (byId.remove(serviceId) != null) {
            list = List.copyOf(new ArrayList<>(byId.values()));
        }
    }

    List<Entry> list() {
        return list;
    }
}
