package io.edgesec.aggregator.internal.send;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.edgesec.api.transport.MessageTransport;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;

/** Messages go through the highest-ranked transport; on equal ranking the one bound first (lower service.id). */
class RankedTransportsTest {
    private static Map<String, Object> props(Integer ranking, long serviceId) {
        return ranking == null ? Map.of(Constants.SERVICE_ID, serviceId)
                : Map.of(Constants.SERVICE_RANKING, ranking, Constants.SERVICE_ID, serviceId);
    }

    @Test
    void theHighestRankingWinsThenTheLowerServiceId() {
        RankedTransports t = new RankedTransports();
        assertNull(t.highest());
        MessageTransport file = m -> { };
        MessageTransport hub = m -> { };
        MessageTransport other = m -> { };
        t.add(file, props(null, 7));
        assertSame(file, t.highest());
        t.add(hub, props(10, 9));
        assertSame(hub, t.highest());
        t.add(other, props(10, 12));
        assertSame(hub, t.highest());
        t.remove(props(10, 9));
        assertSame(other, t.highest());
        t.remove(props(10, 12));
        t.remove(props(null, 7));
        assertNull(t.highest());
    }
}
