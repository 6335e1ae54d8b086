package io.edgesec.collector.audit.internal.events;

import static io.edgesec.collector.audit.internal.events.PayloadFields.UNSET_ID;
import static io.edgesec.collector.audit.internal.events.PayloadFields.orEmpty;
import static io.edgesec.collector.audit.internal.events.PayloadFields.result;

import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.collector.audit.internal.parse.AuditEvent;
import io.edgesec.collector.audit.internal.parse.AuditRecord;
import io.edgesec.collector.audit.internal.parse.Hex;
import io.edgesec.collector.audit.internal.parse.RecordTypes;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The user-space records about accounts: Login (USER_LOGIN, USER_AUTH, USER_ERR) and
 * AccountChange (user and group management: ADD_USER ... ACCT_UNLOCK).
 */
final class AccountEvents {
    private final PayloadFields fields;

    AccountEvents(PayloadFields fields) {
        this.fields = fields;
    }

    /** @return the Login, or null for what is none (sudo re-authenticating, a USER_ERR that succeeded) */
    SecurityEvent login(AuditEvent e, AuditRecord r) {
        String exe = r.untrusted("exe", fields.errors());
        if (r.code() == RecordTypes.USER_AUTH && exe != null && (exe.endsWith("/sudo"))) {
            return null; // as the Azure agents: sudo re-authentication is not a login
        }
        String res = r.get("res");
        if (r.code() == RecordTypes.USER_ERR && "success".equals(res)) {
            return null;
        }
        Map<String, Object> p = new LinkedHashMap<>(12);
        p.put("ProcessId", (int) r.number("pid", -1));
        String op = r.get("op");
        p.put("Operation", Hex.isUnset(op) ? r.type().name.toLowerCase(Locale.ROOT) : op);
        p.put("Executable", orEmpty(exe));
        fields.putAccount(p, r, "UserId", "UserName");
        String addr = r.get("addr");
        if (!Hex.isUnset(addr)) {
            p.put("RemoteAddress", addr);
        }
        String rport = r.get("rport");
        if (!Hex.isUnset(rport)) {
            p.put("RemotePort", rport);
        }
        p.put("Result", result(res));
        Map<String, String> extra = new LinkedHashMap<>(4);
        extra.put("RecordType", r.type().name);
        String terminal = r.get("terminal");
        if (!Hex.isUnset(terminal)) {
            extra.put("Terminal", terminal);
        }
        String host = r.get("hostname");
        if (!Hex.isUnset(host) && !host.equals(addr)) {
            extra.put("Hostname", host);
        }
        p.put("ExtraDetails", extra);
        return SecurityEvent.builder(EventNames.LOGIN).timestamp(e.timestamp()).payload(p).build();
    }

    SecurityEvent accountChange(AuditEvent e, AuditRecord r) {
        String type = r.type().name;
        boolean group = type.contains("GROUP") || type.startsWith("GRP_") || type.equals("CHGRP_ID");
        Map<String, Object> p = new LinkedHashMap<>(12);
        p.put("RecordType", type);
        String op = r.get("op");
        p.put("Operation", Hex.isUnset(op) ? type.toLowerCase(Locale.ROOT) : op);
        fields.putAccount(p, r, group ? "GroupId" : "UserId", group ? "GroupName" : "UserName");
        p.put("Executable", orEmpty(r.untrusted("exe", fields.errors())));
        p.put("ProcessId", (int) r.number("pid", -1));
        String actor = r.get("auid");
        p.put("ActorUserId", actor == null || UNSET_ID.equals(actor) ? orEmpty(r.get("uid")) : actor);
        p.put("Result", result(r.get("res")));
        return SecurityEvent.builder(EventNames.ACCOUNT_CHANGE).timestamp(e.timestamp()).payload(p).build();
    }
}
