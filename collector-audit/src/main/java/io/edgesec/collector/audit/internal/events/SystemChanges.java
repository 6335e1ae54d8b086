package io.edgesec.collector.audit.internal.events;

import static io.edgesec.collector.audit.internal.events.PayloadFields.hasKey;
import static io.edgesec.collector.audit.internal.events.PayloadFields.orEmpty;
import static io.edgesec.collector.audit.internal.events.PayloadFields.putIdIfSet;
import static io.edgesec.collector.audit.internal.events.PayloadFields.result;

import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.collector.audit.internal.parse.AuditEvent;
import io.edgesec.collector.audit.internal.parse.AuditRecord;
import io.edgesec.collector.audit.internal.parse.Hex;
import io.edgesec.collector.audit.internal.parse.RecordTypes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongPredicate;

/** Changes to the running system itself: KernelModule (load, unload) and AuditConfigurationChange. */
final class SystemChanges {
    private final PayloadFields fields;

    SystemChanges(PayloadFields fields) {
        this.fields = fields;
    }

    /** KernelModule: a module loaded (init_module, finit_module; KERN_MODULE names it) or unloaded. */
    SecurityEvent kernelModule(AuditEvent e, AuditRecord sc, Syscall call) {
        Map<String, Object> p = new LinkedHashMap<>(12);
        p.put("Operation", call == Syscall.DELETE_MODULE ? "Unload" : "Load");
        AuditRecord km = e.first(RecordTypes.KERN_MODULE);
        String name = km == null ? null : km.untrusted("name", fields.errors());
        if (name != null && !Hex.isUnset(name)) {
            p.put("ModuleName", name);
        }
        p.put("Result", sc.valueIs("success", "yes") ? "Success" : "Fail");
        Map<String, String> extra = fields.processContext(p, e, sc);
        if (!sc.valueIs("success", "yes")) {
            extra.put("Exit", orEmpty(sc.get("exit")));
        }
        p.put("ExtraDetails", extra);
        return SecurityEvent.builder(EventNames.KERNEL_MODULE).timestamp(e.timestamp()).payload(p).build();
    }

    /**
     * AuditConfigurationChange from a CONFIG_CHANGE record ({@code op=add_rule key=.. list=..
     * res=1}, {@code op=set audit_enabled=0 old=1 ... res=1}), with the process that made it when
     * the kernel logged its syscall too (auditctl's sendto; else {@code sc} is null).
     * {@code ExtraDetails.EdgesecRule}: the rule carried the collector's key {@code ruleKey};
     * {@code ExtraDetails.ByThisAgent}: the change was made by one of the collector's own
     * auditctl runs ({@code ownProcess}, installing or removing its rules).
     */
    SecurityEvent auditConfigurationChange(AuditEvent e, AuditRecord cc, AuditRecord sc, String ruleKey,
            LongPredicate ownProcess) {
        Map<String, Object> p = new LinkedHashMap<>(14);
        String op = cc.get("op");
        p.put("Operation", Hex.isUnset(op) ? "" : op);
        if ("set".equals(op)) {
            // op=set <setting>=<new> old=<old>: the setting is the field after op
            int i = cc.find("op");
            if (i >= 0 && i + 1 < cc.fieldCount()) {
                p.put("Setting", cc.key(i + 1));
                p.put("Value", orEmpty(cc.value(i + 1)));
                String old = cc.get("old");
                if (old != null) {
                    p.put("OldValue", old);
                }
            }
        }
        String key = cc.untrusted("key", fields.errors());
        boolean ownKey = false;
        if (key != null && !Hex.isUnset(key) && !key.equals("(null)")) {
            p.put("Key", key.replace('\u0001', ','));
            ownKey = hasKey(cc, ruleKey);
        }
        String list = cc.get("list");
        if (list != null) {
            p.put("List", list);
        }
        p.put("Result", result(cc.get("res")));
        Map<String, String> extra;
        if (sc != null) {
            extra = fields.processContext(p, e, sc);
        } else {
            extra = new LinkedHashMap<>(4);
            putIdIfSet(extra, "AuditUserId", cc.get("auid"));
        }
        if (ownKey) {
            extra.put("EdgesecRule", "true");
        }
        if (sc != null && ownProcess.test(sc.number("pid", -1))) {
            extra.put("ByThisAgent", "true");
        }
        p.put("ExtraDetails", extra);
        return SecurityEvent.builder(EventNames.AUDIT_CONFIGURATION_CHANGE).timestamp(e.timestamp()).payload(p).build();
    }
}
