package io.edgesec.collector.docker.internal.pidmap;

import io.edgesec.api.collector.EventEnricher;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.collector.docker.internal.JsonValues;
import io.edgesec.collector.docker.internal.inventory.KnownContainers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Adds {@code ContainerId} and {@code ContainerName} (and {@code ModuleName} for a container of
 * an IoT Edge module) to every payload item that carries a
 * {@code ProcessId} of a process inside a container (found through
 * {@code <procRoot>/<pid>/cgroup}). Items that already name a container, and processes on the
 * host, are left as they are. In events of the Azure schema's kinds they go into
 * {@code ExtraDetails}, whose schema allows them; in edgesec's own kinds they are top-level fields. Lookups are cached for a short time, which also covers a process
 * that exits right after its event was raised.
 */
public final class ContainerProcessEnricher implements EventEnricher {
    private static final int CACHE_SIZE = 4096;
    /** Event kinds of the Azure schema that carry a ProcessId (their payloads allow no extra fields). */
    private static final Set<String> AZURE_KINDS = Set.of(EventNames.PROCESS_CREATE, EventNames.PROCESS_TERMINATE,
            EventNames.CONNECTION_CREATE, EventNames.LOGIN, EventNames.LISTENING_PORTS);

    private final Path procRoot;
    private final KnownContainers known;
    private final long ttlNanos;
    private final LongSupplier clock;
    private final Map<Long, Entry> cache = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Entry> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private record Entry(String containerId, long expiresAt) {
    }

    public ContainerProcessEnricher(Path procRoot, KnownContainers known, Duration ttl, LongSupplier nanoClock) {
        this.procRoot = procRoot;
        this.known = known;
        this.ttlNanos = ttl.toNanos();
        this.clock = nanoClock;
    }

    public ContainerProcessEnricher(Path procRoot, KnownContainers known) {
        this(procRoot, known, Duration.ofSeconds(30), System::nanoTime);
    }

    @Override
    public SecurityEvent enrich(SecurityEvent event) {
        List<Map<String, Object>> payload = event.payload();
        List<Map<String, Object>> enriched = null;
        boolean azureKind = AZURE_KINDS.contains(event.name());
        for (int i = 0; i < payload.size(); i++) {
            Map<String, Object> item = payload.get(i);
            Map<String, Object> added = enrichItem(item, azureKind);
            if (added != null) {
                if (enriched == null) {
                    enriched = new ArrayList<>(payload);
                }
                enriched.set(i, added);
            }
        }
        if (enriched == null) {
            return event;
        }
        return event.toBuilder().id(event.id()).clearPayload().payloads(enriched).build();
    }

    private Map<String, Object> enrichItem(Map<String, Object> item, boolean azureKind) {
        if (item.containsKey("ContainerId")
                || item.get("ExtraDetails") instanceof Map<?, ?> x && x.containsKey("ContainerId")) {
            return null;
        }
        long pid = JsonValues.number(item.get("ProcessId"), -1);
        if (pid <= 0) {
            return null;
        }
        String id = containerOf(pid);
        if (id == null) {
            return null;
        }
        Map<String, Object> copy = new LinkedHashMap<>(item);
        String name = known.nameOf(id);
        String module = known.moduleOf(id);
        if (azureKind) {
            // the Azure payload schemas allow no other top-level fields: ExtraDetails (strings) holds them
            Map<String, Object> extra = new LinkedHashMap<>();
            if (item.get("ExtraDetails") instanceof Map<?, ?> given) {
                given.forEach((k, v) -> extra.put(String.valueOf(k), v));
            }
            extra.put("ContainerId", id);
            if (name != null) {
                extra.put("ContainerName", name);
            }
            if (module != null) {
                extra.put("ModuleName", module);
            }
            copy.put("ExtraDetails", extra);
        } else {
            copy.put("ContainerId", id);
            copy.put("ContainerName", name);
            if (module != null) {
                copy.put("ModuleName", module);
            }
        }
        return copy;
    }

    /** @return the id of the container that process {@code pid} runs in, or null */
    public String containerOf(long pid) {
        long now = clock.getAsLong();
        synchronized (cache) {
            Entry e = cache.get(pid);
            if (e != null && now - e.expiresAt() < 0) {
                return e.containerId();
            }
        }
        String id;
        java.nio.file.Path cgroup = procRoot.resolve(Long.toString(pid)).resolve("cgroup");
        // Most audited processes have exited by the time their event arrives: a stat is far
        // cheaper than the exception of a failed read, and the miss is cached like a hit.
        if (!Files.exists(cgroup)) {
            synchronized (cache) {
                cache.put(pid, new Entry(null, now + ttlNanos));
            }
            return null;
        }
        try {
            id = CgroupContainerId.parse(Files.readString(cgroup, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            // gone in between, or /proc is not readable: leave the event as it is
            return null;
        }
        synchronized (cache) {
            cache.put(pid, new Entry(id, now + ttlNanos));
        }
        return id;
    }
}
