package io.edgesec.itest.thirdparty;

import io.edgesec.api.collector.PeriodicCollector;
import io.edgesec.api.event.EventCategory;
import io.edgesec.api.event.SecurityEvent;
import java.util.List;
import java.util.Map;

/**
 * A collector written against agent-api alone, as a third party would. The test packs it into
 * a bundle of its own at run time; it is not part of the product.
 */
public class ThirdPartyProbeCollector implements PeriodicCollector {
    @Override
    public List<SecurityEvent> collect() {
        return List.of(SecurityEvent.builder("ThirdPartyProbe").category(EventCategory.PERIODIC)
                .payload(Map.of("Probe", "alive")).build());
    }
}
