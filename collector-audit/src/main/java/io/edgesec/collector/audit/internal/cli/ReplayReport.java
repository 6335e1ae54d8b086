package io.edgesec.collector.audit.internal.cli;

import io.edgesec.api.event.SecurityEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a replay found: the alerts, and a short line for each event an alert may name as
 * evidence (bounded: the most recent events only, enough for the evidence of a long log).
 */
final class ReplayReport {
    private static final int MAX_EVENT_LINES = 200_000;
    private static final String[] SEVERITIES = {"High", "Medium", "Low"};

    private final List<SecurityEvent> alerts = new ArrayList<>();
    private final Map<String, String> eventLines = new LinkedHashMap<>(1024, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_EVENT_LINES;
        }
    };
    private long events;

    void event(SecurityEvent e) {
        events++;
        eventLines.put(e.id(), line(e));
    }

    void alerts(List<SecurityEvent> list) {
        alerts.addAll(list);
    }

    List<SecurityEvent> alerts() {
        return alerts;
    }

    String text(String file, boolean alertsOnly) {
        StringBuilder sb = new StringBuilder();
        sb.append(file).append(": ").append(events).append(" events, ").append(alerts.size()).append(" alerts\n");
        for (String sev : SEVERITIES) {
            List<Map<String, Object>> of = new ArrayList<>();
            for (SecurityEvent a : alerts) {
                for (Map<String, Object> p : a.payload()) {
                    if (sev.equals(p.get("Severity"))) {
                        of.add(p);
                    }
                }
            }
            if (of.isEmpty()) {
                continue;
            }
            sb.append('\n').append(sev).append(" (").append(of.size()).append(")\n");
            for (Map<String, Object> p : of) {
                sb.append("  ").append(p.get("AlertId")).append(' ').append(p.get("AlertName"));
                Object count = p.get("Count");
                if (count instanceof Number n && n.longValue() > 1) {
                    sb.append(" (x").append(n).append(", ").append(p.get("FirstSeen")).append(" .. ").append(p.get("LastSeen")).append(')');
                } else {
                    sb.append(" (").append(p.get("FirstSeen")).append(')');
                }
                sb.append("\n    ").append(p.get("Description")).append('\n');
                if (p.get("EvidenceEventIds") instanceof List<?> ids) {
                    for (Object id : ids) {
                        String l = eventLines.get(String.valueOf(id));
                        sb.append("    evidence: ").append(l != null ? l : id).append('\n');
                    }
                }
            }
        }
        if (alerts.isEmpty()) {
            sb.append("no alerts\n");
        }
        return sb.toString();
    }

    /** time, event name and what identifies it: the command line, the connection, the account. */
    private static String line(SecurityEvent e) {
        StringBuilder sb = new StringBuilder(SecurityEvent.formatUtc(e.timestamp())).append(' ').append(e.name());
        if (!e.payload().isEmpty()) {
            Map<String, Object> p = e.payload().get(0);
            for (String k : new String[] {"UserName", "UserId", "Operation", "RemoteAddress", "RemotePort", "Result", "Executable", "CommandLine"}) {
                Object v = p.get(k);
                if (v != null && !v.toString().isEmpty()) {
                    String s = v.toString();
                    sb.append(' ').append(k).append('=').append(s.length() > 300 ? s.substring(0, 300) + "..." : s);
                }
            }
        }
        return sb.toString();
    }
}
