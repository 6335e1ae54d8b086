package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-072: a module's own TLS/auth switched off through env. */
public final class Iote072ModuleSecurityDisabled extends ModuleRule {
    private static final Set<String> OFF = Set.of("disabled", "disable", "false", "none", "off", "0", "no");

    public Iote072ModuleSecurityDisabled() {
        super("IOTE-072", "ModuleSecurityDisabled", HIGH, "Module's own security disabled via env",
                "An environment setting switches off the module's TLS, authentication, HTTPS-only or certificate verification (e.g. Event Grid inbound:serverAuth:tlsPolicy=disabled).",
                "Keep TLS and client authentication enabled; use proper certificates.",
                "Azure-Samples/azure-iot-edge-event-grid-sample");
    }

    static boolean disabled(String name, String value) {
        String n = name.toLowerCase(Locale.ROOT);
        String v = value.trim().toLowerCase(Locale.ROOT);
        if ((n.contains("tls") || n.contains("ssl") || n.contains("auth") || n.contains("httpsonly")) && OFF.contains(v)) {
            return !n.contains("authenticationmode");
        }
        if (n.contains("insecure") && (v.equals("true") || v.equals("1") || v.equals("yes"))) {
            return true;
        }
        return n.contains("verify") && (v.equals("false") || v.equals("0") || v.equals("no") || v.equals("none"));
    }

    @Override
    protected void checkModule(RuleContext ctx, ModuleSpec m) {
        for (EnvVar v : m.env()) {
            if (disabled(v.name(), v.value())) {
                ctx.report(this, m, v.node(), Checks.who(m) + " disables its own security: " + v.name() + "=" + v.value() + ".");
            }
        }
    }
}
