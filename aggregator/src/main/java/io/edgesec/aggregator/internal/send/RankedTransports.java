package io.edgesec.aggregator.internal.send;

import io.edgesec.api.transport.MessageTransport;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.osgi.framework.Constants;

/** The bound {@link MessageTransport}s; messages go through the highest-ranked one. */
public final class RankedTransports {
    /** Transports by ranking then by lower service.id, highest first. */
    private final ConcurrentSkipListMap<long[], MessageTransport> transports = new ConcurrentSkipListMap<>(
            (a, b) -> a[0] != b[0] ? Long.compare(b[0], a[0]) : Long.compare(a[1], b[1]));

    /** @param props the service properties (service.ranking, service.id) */
    public void add(MessageTransport transport, Map<String, Object> props) {
        transports.put(key(props), transport);
    }

    public void remove(Map<String, Object> props) {
        transports.remove(key(props));
    }

    /** @return the highest-ranked transport, or null if none is bound */
    public MessageTransport highest() {
        Map.Entry<long[], MessageTransport> first = transports.firstEntry();
        return first == null ? null : first.getValue();
    }

    private static long[] key(Map<String, Object> props) {
        Object r = props.get(Constants.SERVICE_RANKING);
        long ranking = r instanceof Integer i ? i : 0;
        return new long[] {ranking, (Long) props.get(Constants.SERVICE_ID)};
    }
}
