package io.edgesec.collector.audit.internal.parse;

/**
 * An audit record type: its numeric code (libaudit.h) and the name auditd writes in {@code type=}.
 * Instances are shared (see {@link RecordTypes}), so identity comparison is fine.
 */
public final class RecordType {
    public final int code;
    public final String name;

    RecordType(int code, String name) {
        this.code = code;
        this.name = name;
    }

    /**
     * True if an event of this type is always a single record, so it completes at once. auditd's
     * rule (auditd.conf(5), NOTES): types below 1300 (user space, daemon) and from 2100 on
     * (anomalies, integrity of user space), plus AUDIT_KERNEL (2000).
     */
    public boolean isSingleRecord() {
        return code > 0 && (code < 1300 || code >= 2100 || code == RecordTypes.KERNEL);
    }

    @Override
    public String toString() {
        return name;
    }
}
