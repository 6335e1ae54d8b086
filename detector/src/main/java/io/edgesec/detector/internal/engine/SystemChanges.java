package io.edgesec.detector.internal.engine;

import io.edgesec.api.event.EventNames;

/**
 * The audit collector's system-change events (FileChange, KernelModule, AuditConfigurationChange):
 * each names the process that made the change (Executable, CommandLine, ProcessId,
 * ParentProcessId), so the engine gives them that process's context from the process table as it
 * does for a ConnectionCreate: its parent in the alert's Entities, its ancestors for
 * {@code notAncestor} (a change made under dpkg or logrotate is not an attack).
 */
final class SystemChanges {
    private SystemChanges() {
    }

    /** What the change was about: File (and OldFile of a rename), KernelModule, AuditSetting or AuditRuleKey. */
    static void entities(io.edgesec.detector.internal.view.EventView v, java.util.Map<String, String> m) {
        put(m, "File", v.field("Path"));
        put(m, "OldFile", v.field("OldPath"));
        put(m, "KernelModule", v.field("ModuleName"));
        String setting = v.field("Setting");
        if (!setting.isEmpty()) {
            m.put("AuditSetting", setting + "=" + v.field("Value"));
        }
        put(m, "AuditRuleKey", v.field("Key"));
    }

    private static void put(java.util.Map<String, String> m, String k, String value) {
        if (value != null && !value.isEmpty()) {
            m.put(k, value);
        }
    }

    static boolean withProcess(String eventName) {
        return EventNames.FILE_CHANGE.equals(eventName) || EventNames.KERNEL_MODULE.equals(eventName)
                || EventNames.AUDIT_CONFIGURATION_CHANGE.equals(eventName);
    }
}
