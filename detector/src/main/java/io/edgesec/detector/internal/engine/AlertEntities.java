package io.edgesec.detector.internal.engine;

import io.edgesec.api.event.EventNames;
import io.edgesec.detector.internal.view.EventView;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The entities an alert names for the event that raised it (user, process, parent, container,
 * remote end ...): what suppressions match on and what folding keys are chosen from, so every
 * rule (pattern or stateful) must name them the same way.
 */
final class AlertEntities {
    private final ProcessTable processes;

    /** @param processes the table the parent of a connection's process is looked up in */
    AlertEntities(ProcessTable processes) {
        this.processes = processes;
    }

    /** @return the entities of {@code v}, a fresh mutable map (rules add their own captures) */
    Map<String, String> of(EventView v) {
        Map<String, String> m = new LinkedHashMap<>();
        if (EventNames.ACCOUNT_CHANGE.equals(v.name())) {
            put(m, "TargetUser", v.field("UserName").isEmpty() ? v.field("UserId") : v.field("UserName"));
            put(m, "Group", v.field("GroupName"));
            put(m, "User", v.field("ActorUserId"));
        } else {
            put(m, "User", v.user());
        }
        if (v.pid() > 0) {
            m.put("ProcessId", Integer.toString(v.pid()));
        }
        put(m, "Executable", v.executable());
        put(m, "CommandLine", v.commandLine());
        if (v.parent != null) {
            boolean self = v.parent.pid() == v.pid(); // a connection: the table holds the process itself
            var parent = self ? processes.get(v.parent.ppid()) : v.parent;
            if (parent != null) {
                put(m, "ParentExecutable", parent.executable());
                put(m, "ParentCommandLine", parent.commandLine());
            }
        }
        put(m, "LoginSession", v.field("ExtraDetails.AuditUserId"));
        put(m, "RemoteAddress", v.field("RemoteAddress"));
        put(m, "RemotePort", v.field("RemotePort"));
        put(m, "LocalAddress", v.field("LocalAddress")); // a listener (ListeningPorts)
        put(m, "LocalPort", v.field("LocalPort"));
        put(m, "ContainerId", v.field("ContainerId"));
        put(m, "ContainerName", v.field("ContainerName"));
        put(m, "Module", v.field("ModuleName"));
        put(m, "Image", v.field("Image"));
        put(m, "Terminal", v.field("ExtraDetails.Terminal"));
        if (SystemChanges.withProcess(v.name())) {
            SystemChanges.entities(v, m);
        }
        return m;
    }

    /** An empty field is no entity: a suppression naming it must not match "". */
    private static void put(Map<String, String> m, String k, String v) {
        if (v != null && !v.isEmpty()) {
            m.put(k, v);
        }
    }
}
