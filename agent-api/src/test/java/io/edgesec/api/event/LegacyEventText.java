package io.edgesec.api.event;

import java.util.Collection;
import java.util.Map;

/**
 * The agent's hand-written event writer as it was before Jackson (agent-api 1.3.0's
 * {@code SecurityEvent.writeJson} and {@code io.edgesec.api.json.JsonWriter}, gone in 2.0.0), frozen here as the reference the
 * Jackson writer must match byte for byte. Test code only; public for the benchmarks, which
 * take it from agent-api's test-jar as the "before" of the paired serialization benchmarks.
 */
public final class LegacyEventText {
    private LegacyEventText() {
    }

    public static String event(SecurityEvent e) {
        StringBuilder out = new StringBuilder(256);
        out.append("{\"EventType\":\"").append(e.eventType().wireName())
                .append("\",\"Category\":\"").append(e.category().wireName())
                .append("\",\"Name\":");
        string(e.name(), out);
        out.append(",\"IsEmpty\":").append(e.payload().isEmpty()).append(",\"PayloadSchemaVersion\":");
        string(e.payloadSchemaVersion(), out);
        out.append(",\"Id\":");
        string(e.id(), out);
        out.append(",\"TimestampLocal\":\"").append(Timestamps.local(e.timestamp()))
                .append("\",\"TimestampUTC\":\"").append(Timestamps.utc(e.timestamp()))
                .append("\",\"Payload\":");
        value(e.payload(), out);
        return out.append('}').toString();
    }

    public static String message(String agentVersion, String agentId, Collection<SecurityEvent> events) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"AgentVersion\":");
        string(agentVersion, sb);
        sb.append(",\"AgentId\":");
        string(agentId, sb);
        sb.append(",\"MessageSchemaVersion\":\"1.0\",\"Events\":[");
        boolean first = true;
        for (SecurityEvent e : events) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append(event(e));
        }
        return sb.append("]}").toString();
    }

    static void value(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof CharSequence || value instanceof Character || value instanceof Enum) {
            string(value.toString(), out);
        } else if (value instanceof Boolean) {
            out.append(value.toString());
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                out.append((long) d);
            } else {
                out.append(d);
            }
        } else if (value instanceof Number) {
            out.append(value.toString());
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(String.valueOf(e.getKey()), out);
                out.append(':');
                value(e.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                value(item, out);
            }
            out.append(']');
        } else if (value instanceof PayloadValues.FixedJson f) {
            out.append(f.json());
        } else {
            throw new IllegalArgumentException("no JSON form for a " + value.getClass().getName());
        }
    }

    static void string(String s, StringBuilder out) {
        out.append('"');
        int start = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            String escape = null;
            if (c == '"') {
                escape = "\\\"";
            } else if (c == '\\') {
                escape = "\\\\";
            } else if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                switch (c) {
                    case '\n' -> escape = "\\n";
                    case '\r' -> escape = "\\r";
                    case '\t' -> escape = "\\t";
                    default -> escape = String.format("\\u%04x", (int) c);
                }
            } else if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1));
                if (paired) {
                    i++;
                    continue;
                }
                escape = String.format("\\u%04x", (int) c);
            }
            if (escape != null) {
                out.append(s, start, i).append(escape);
                start = i + 1;
            }
        }
        out.append(s, start, n).append('"');
    }
}
