package io.edgesec.api.event;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The envelope of the security message schema: {@code AgentVersion}, {@code AgentId},
 * {@code MessageSchemaVersion} and {@code Events[]}. The {@link #priority()} (which queue made the
 * message) is not part of the JSON; transports may send it as a message property.
 */
public final class SecurityMessage {
    public static final String SCHEMA_VERSION = "1.0";

    private final String agentVersion;
    private final String agentId;
    private final List<SecurityEvent> events;
    private final Priority priority;

    public SecurityMessage(String agentVersion, String agentId, List<SecurityEvent> events, Priority priority) {
        this.agentVersion = Objects.requireNonNull(agentVersion);
        this.agentId = Objects.requireNonNull(agentId);
        this.events = List.copyOf(events);
        this.priority = Objects.requireNonNull(priority);
        if (this.events.isEmpty()) {
            throw new IllegalArgumentException("a message needs at least one event");
        }
    }

    public String agentVersion() {
        return agentVersion;
    }

    public String agentId() {
        return agentId;
    }

    public List<SecurityEvent> events() {
        return events;
    }

    public Priority priority() {
        return priority;
    }

    /** @return the compact JSON of the envelope with all its events */
    public String toJson() {
        return new String(toUtf8(), StandardCharsets.UTF_8);
    }

    /**
     * @return the UTF-8 bytes of {@link #toJson()}: the envelope around the events' cached bytes,
     *         in an array of exactly the size the aggregator counted (see
     *         {@link #envelopeOverhead})
     */
    public byte[] toUtf8() {
        byte[] start = EventJson.envelopeStart(agentVersion, agentId);
        int size = start.length + EventJson.ENVELOPE_END.length + events.size() - 1;
        byte[][] parts = new byte[events.size()][];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = events.get(i).utf8();
            size += parts[i].length;
        }
        byte[] out = new byte[size];
        System.arraycopy(start, 0, out, 0, start.length);
        int at = start.length;
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out[at++] = ',';
            }
            System.arraycopy(parts[i], 0, out, at, parts[i].length);
            at += parts[i].length;
        }
        System.arraycopy(EventJson.ENVELOPE_END, 0, out, at, EventJson.ENVELOPE_END.length);
        return out;
    }

    /**
     * @return the UTF-8 bytes of an envelope with no events; a message of events e1..en is this
     *         plus the sum of their sizes plus n-1 separating commas
     */
    public static int envelopeOverhead(String agentVersion, String agentId) {
        return EventJson.envelopeStart(agentVersion, agentId).length + EventJson.ENVELOPE_END.length;
    }
}
