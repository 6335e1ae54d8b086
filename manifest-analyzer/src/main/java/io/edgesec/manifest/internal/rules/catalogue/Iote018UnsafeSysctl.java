package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-018: a sysctl outside the safe set. */
public final class Iote018UnsafeSysctl extends OptionsRule {
    private static final Set<String> SAFE = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
            "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
            "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem");

    public Iote018UnsafeSysctl() {
        super("IOTE-018", "UnsafeSysctl", MEDIUM, "Unsafe sysctls",
                "The module sets a kernel parameter outside the namespaced safe set; it may affect the whole host.",
                "Remove the sysctl or set it on the host deliberately.",
                "KSV-0026");
    }

    @Override
    protected void checkOptions(RuleContext ctx, ModuleSpec m, JObject o, JObject hc) {
        JObject s = hc == null ? null : hc.getObject("Sysctls");
        if (s == null) {
            return;
        }
        for (JObject.Member e : s.effectiveMembers()) {
            String k = e.name().trim().toLowerCase(Locale.ROOT);
            if (!SAFE.contains(k) && !k.startsWith("net.ipv4.tcp_keepalive_")) {
                ctx.report(this, m, e.value(), Checks.who(m) + " sets unsafe sysctl " + e.name() + ".");
            }
        }
    }
}
