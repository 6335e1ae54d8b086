package io.edgesec.collector.audit.internal.events;

import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.collector.audit.internal.parse.AuditEvent;
import io.edgesec.collector.audit.internal.parse.AuditRecord;
import io.edgesec.collector.audit.internal.parse.Hex;
import io.edgesec.collector.audit.internal.parse.RecordTypes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * FileChange: what a watch (sudoers, authorized_keys, cron, systemd units) or a /var/log rule
 * saw. The PATH items say what happened: CREATE and DELETE together are a rename (the first
 * DELETE is the old name, the last CREATE the new one), CREATE alone a new file, DELETE alone
 * a removal, NORMAL a write, truncation or attribute change of an existing file. Relative
 * names are resolved against the CWD record, or against the PARENT item when the call was
 * relative to a directory descriptor.
 */
final class FileChanges {
    private final PayloadFields fields;

    FileChanges(PayloadFields fields) {
        this.fields = fields;
    }

    /** @return the FileChange, or null when the PATH items name no file */
    SecurityEvent map(AuditEvent e, AuditRecord sc) {
        AuditRecord.DecodeErrors errors = fields.errors();
        String cwd = null;
        AuditRecord cwdRecord = e.first(RecordTypes.CWD);
        if (cwdRecord != null) {
            cwd = cwdRecord.untrusted("cwd", errors);
        }
        long a0 = sc.hexNumber("a0", -1);
        boolean dirfd = a0 >= 0 && a0 < 0x10000; // an *at call relative to a directory descriptor, not AT_FDCWD
        String parent = null;
        String created = null;
        String deleted = null;
        String normal = null;
        for (AuditRecord path : e.all(RecordTypes.PATH)) {
            String name = path.untrusted("name", errors);
            if (name == null || Hex.isUnset(name) || name.equals("(null)")) {
                continue;
            }
            String type = path.get("nametype");
            if ("PARENT".equals(type)) {
                if (parent == null && name.startsWith("/")) {
                    parent = trimSlash(name);
                }
                continue;
            }
            String abs = absolute(name, dirfd ? null : cwd, parent);
            if ("CREATE".equals(type)) {
                created = abs;
            } else if ("DELETE".equals(type)) {
                if (deleted == null) {
                    deleted = abs;
                }
            } else if (normal == null) {
                normal = abs;
            }
        }
        String operation;
        String path;
        String oldPath = null;
        if (created != null && deleted != null) {
            operation = "Rename";
            path = created;
            oldPath = deleted;
        } else if (created != null) {
            operation = "Create";
            path = created;
        } else if (deleted != null) {
            operation = "Delete";
            path = deleted;
        } else if (normal != null) {
            operation = "Modify";
            path = normal;
        } else if (parent != null) {
            operation = "Modify";
            path = parent;
        } else {
            return null;
        }
        Map<String, Object> p = new LinkedHashMap<>(12);
        p.put("Operation", operation);
        p.put("Path", path);
        if (oldPath != null) {
            p.put("OldPath", oldPath);
        }
        Map<String, String> extra = fields.processContext(p, e, sc);
        if (cwd != null && !Hex.isUnset(cwd)) {
            extra.put("Cwd", cwd);
        }
        p.put("ExtraDetails", extra);
        return SecurityEvent.builder(EventNames.FILE_CHANGE).timestamp(e.timestamp()).payload(p).build();
    }

    private static String absolute(String name, String cwd, String parent) {
        if (name.startsWith("/")) {
            return trimSlash(name);
        }
        String base = cwd != null && cwd.startsWith("/") ? cwd : parent;
        if (base == null) {
            return name; // relative to a directory descriptor whose path the records do not give
        }
        String n = name.startsWith("./") ? name.substring(2) : name;
        return base.endsWith("/") ? base + n : base + "/" + n;
    }

    private static String trimSlash(String s) {
        return s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
