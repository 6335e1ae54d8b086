package io.edgesec.collector.audit.internal.events;

import io.edgesec.collector.audit.internal.parse.AuditEvent;
import io.edgesec.collector.audit.internal.parse.AuditRecord;
import io.edgesec.collector.audit.internal.parse.Hex;
import io.edgesec.collector.audit.internal.parse.RecordTypes;
import io.edgesec.support.UserNames;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The payload fields every kind of audit event shares, read the same way for each: the process
 * behind a syscall (ProcessCreate's field names, which the detector and the docker enricher
 * read), its command line, the account a user-space record is about, ids that may be unset, and
 * the result. Untrusted text is decoded with the pipeline's decode-error counter.
 */
final class PayloadFields {
    /** auid/uid -1 as the kernel logs it: no id. */
    static final String UNSET_ID = "4294967295";

    private final UserNames userNames;
    private final AuditRecord.DecodeErrors errors;

    PayloadFields(UserNames userNames, AuditRecord.DecodeErrors errors) {
        this.userNames = userNames;
        this.errors = errors;
    }

    AuditRecord.DecodeErrors errors() {
        return errors;
    }

    /**
     * The process behind a syscall record, with ProcessCreate's field names: Executable,
     * CommandLine (PROCTITLE), UserId, UserName, ProcessId, ParentProcessId.
     *
     * @return ExtraDetails with AuditUserId and Syscall, to add to
     */
    Map<String, String> processContext(Map<String, Object> p, AuditEvent e, AuditRecord sc) {
        p.put("Executable", orEmpty(sc.untrusted("exe", errors)));
        p.put("CommandLine", proctitle(e));
        String uid = sc.get("uid");
        p.put("UserId", orEmpty(uid));
        putUserName(p, sc, "UID", uid);
        p.put("ProcessId", (int) sc.number("pid", -1));
        p.put("ParentProcessId", (int) sc.number("ppid", -1));
        Map<String, String> extra = new LinkedHashMap<>(6);
        putIdIfSet(extra, "AuditUserId", sc.get("auid"));
        String name = sc.enriched("SYSCALL");
        extra.put("Syscall", name != null && !Hex.isUnset(name) ? name : orEmpty(sc.get("syscall")));
        return extra;
    }

    /** The command line from the PROCTITLE record, or the executable when there is none. */
    String proctitle(AuditEvent e) {
        AuditRecord pt = e.first(RecordTypes.PROCTITLE);
        if (pt == null) {
            AuditRecord sc = e.first(RecordTypes.SYSCALL);
            String exe = sc == null ? null : sc.untrusted("exe", errors);
            return exe == null || Hex.isUnset(exe) ? "" : exe;
        }
        int i = pt.find("proctitle");
        if (i < 0) {
            return "";
        }
        return ExecveArgs.commandLine(ExecveArgs.splitProctitle(pt.untrustedBytes(i, errors)));
    }

    /**
     * The account a user-space record is about: {@code acct="name"} (hex when odd bytes, e.g.
     * "(invalid user)"), or {@code id=N} (numeric, or a name in some versions).
     */
    void putAccount(Map<String, Object> p, AuditRecord r, String idField, String nameField) {
        String acct = r.untrusted("acct", errors);
        String id = r.get("id");
        if (!Hex.isUnset(id) && !UNSET_ID.equals(id)) {
            if (isNumber(id)) {
                p.put(idField, id);
            } else if (Hex.isUnset(acct)) {
                acct = id;
            }
        }
        if (Hex.isUnset(acct)) {
            String enriched = r.enriched("ID");
            acct = Hex.isUnset(enriched) || isNumber(enriched) ? null : enriched;
        }
        if (acct != null) {
            p.put(nameField, acct);
        } else if (!p.containsKey(idField)) {
            p.put(nameField, "(unknown)");
        }
    }

    /** UserName: the log's ENRICHED name, else this device's passwd (live collection only). */
    void putUserName(Map<String, Object> p, AuditRecord r, String enrichedKey, String uid) {
        String name = r.enriched(enrichedKey);
        if (Hex.isUnset(name) || name.startsWith("unknown(")) {
            name = userNames.name(uid);
        }
        if (name != null) {
            p.put("UserName", name);
        }
    }

    static void putIdIfSet(Map<String, String> m, String key, String id) {
        if (!Hex.isUnset(id) && !UNSET_ID.equals(id)) {
            m.put(key, id);
        }
    }

    static String result(String res) {
        return "success".equals(res) || "yes".equals(res) || "1".equals(res) ? "Success" : "Fail";
    }

    /** Whether the record's key field (quoted, or hex holding several keys split by 0x01) names {@code key}. */
    static boolean hasKey(AuditRecord r, String key) {
        int i = r.find("key");
        return i >= 0 && !r.untrustedIs(i, "(null)") && r.untrustedListHas(i, key);
    }

    static boolean isNumber(String s) {
        if (s == null || s.isEmpty() || s.length() > 10) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static String orEmpty(String s) {
        return s == null || Hex.isUnset(s) ? "" : s;
    }
}
