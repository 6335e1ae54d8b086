package io.edgesec.collector.docker.internal.inventory;

import io.edgesec.api.collector.PeriodicCollector;
import io.edgesec.api.event.EventCategory;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.collector.docker.internal.StatusEvents;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code docker-inventory}: every container on the device with its effective settings, one
 * payload item per container. If the engine cannot be reached the snapshot is replaced by a
 * CollectorStatus event (never an exception, never an empty inventory that would look like
 * "no containers").
 */
public final class ContainerInventoryCollector implements PeriodicCollector {
    public static final String NAME = "docker-inventory";

    private final ContainerScanner scanner;
    private final String source;

    public ContainerInventoryCollector(ContainerScanner scanner, String source) {
        this.scanner = scanner;
        this.source = source;
    }

    @Override
    public List<SecurityEvent> collect() {
        List<ContainerScanner.Scanned> containers;
        try {
            containers = scanner.scan();
        } catch (RuntimeException e) {
            return new ArrayList<>(List.of(StatusEvents.status(NAME, StatusEvents.SOURCE_UNAVAILABLE, source,
                    "container engine unreachable: " + StatusEvents.describe(e), -1)));
        }
        SecurityEvent.Builder b = SecurityEvent.builder(EventNames.CONTAINER_INVENTORY).category(EventCategory.PERIODIC);
        for (ContainerScanner.Scanned c : containers) {
            b.payload(ContainerSettings.toPayload(c.container(), c.image()));
        }
        List<SecurityEvent> out = new ArrayList<>();
        out.add(b.build());
        return out;
    }
}
