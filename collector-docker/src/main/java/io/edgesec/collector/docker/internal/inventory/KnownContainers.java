package io.edgesec.collector.docker.internal.inventory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Container id to name, and to IoT Edge module name for the containers the edge agent created,
 * kept current by the inventory (every period) and the event stream (create, rename, destroy), so
 * the process enricher can name containers and modules without asking the engine on the event
 * path.
 */
public final class KnownContainers {
    private final Map<String, String> names = new ConcurrentHashMap<>();
    private final Map<String, String> modules = new ConcurrentHashMap<>();

    /** Records the IoT Edge module a container runs (null: not a module). */
    public void putModule(String id, String module) {
        if (id != null) {
            if (module == null || module.isEmpty()) {
                modules.remove(id);
            } else {
                modules.put(id, module);
            }
        }
    }

    /** @return the IoT Edge module the container runs, or null if none (or unknown) */
    public String moduleOf(String id) {
        return id == null ? null : modules.get(id);
    }

    public void put(String id, String name) {
        if (id != null && name != null) {
            names.put(id, name.startsWith("/") ? name.substring(1) : name);
        }
    }

    public void remove(String id) {
        if (id != null) {
            names.remove(id);
            modules.remove(id);
        }
    }

    /** Replaces everything with a complete listing. */
    public void replaceAll(Map<String, String> current) {
        names.keySet().retainAll(current.keySet());
        modules.keySet().retainAll(current.keySet());
        current.forEach(this::put);
    }

    /** @return the name of the container, or null if unknown */
    public String nameOf(String id) {
        return id == null ? null : names.get(id);
    }
}
