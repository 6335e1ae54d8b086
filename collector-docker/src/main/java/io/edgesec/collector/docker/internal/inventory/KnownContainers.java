package io.edgesec.collector.docker.internal.inventory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Container id to name, kept current by the inventory (every period) and the event stream
 * (create, rename, destroy), so the process enricher can name containers without asking the
 * engine on the event path.
 */
public final class KnownContainers {
    private final Map<String, String> names = new ConcurrentHashMap<>();

    public void put(String id, String name) {
        if (id != null && name != null) {
            names.put(id, name.startsWith("/") ? name.substring(1) : name);
        }
    }

    public void remove(String id) {
        if (id != null) {
            names.remove(id);
        }
    }

    /** Replaces everything with a complete listing. */
    public void replaceAll(Map<String, String> current) {
        names.keySet().retainAll(current.keySet());
        current.forEach(this::put);
    }

    /** @return the name of the container, or null if unknown */
    public String nameOf(String id) {
        return id == null ? null : names.get(id);
    }
}
