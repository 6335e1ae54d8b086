package io.edgesec.api.event;

import io.edgesec.api.json.JsonWriter;
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
        StringBuilder sb = new StringBuilder(envelopeOverhead(agentVersion, agentId) + events.size() * 300);
        sb.append("{\"AgentVersion\":");
        JsonWriter.writeString(agentVersion, sb);
        sb.append(",\"AgentId\":");
        JsonWriter.writeString(agentId, sb);
        sb.append(",\"MessageSchemaVersion\":\"" + SCHEMA_VERSION + "\",\"Events\":[");
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            events.get(i).writeJson(sb);
        }
        return sb.append("]}").toString();
    }

    public byte[] toUtf8() {
        return toJson().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @return the UTF-8 bytes of an envelope with no events; a message of events e1..en is this
     *         plus the sum of their sizes plus n-1 separating commas
     */
    public static int envelopeOverhead(String agentVersion, String agentId) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"AgentVersion\":");
        JsonWriter.writeString(agentVersion, sb);
        sb.append(",\"AgentId\":");
        JsonWriter.writeString(agentId, sb);
        sb.append(",\"MessageSchemaVersion\":\"" + SCHEMA_VERSION + "\",\"Events\":[]}");
        return SecurityEvent.utf8Length(sb);
    }
}
