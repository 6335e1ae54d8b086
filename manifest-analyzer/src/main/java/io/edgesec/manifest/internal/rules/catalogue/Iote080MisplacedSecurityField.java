package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-080: HostConfig fields at the top level of createOptions (ignored by Docker). */
public final class Iote080MisplacedSecurityField extends OptionsRule {
    static final Set<String> HOST_FIELDS = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    static {
        HOST_FIELDS.addAll(List.of("Privileged", "Binds", "Mounts", "CapAdd", "CapDrop", "NetworkMode", "PidMode", "IpcMode", "UTSMode",
                "UsernsMode", "PortBindings", "Devices", "SecurityOpt", "ReadonlyRootfs", "Memory", "MemorySwap", "NanoCpus", "CpuShares",
                "PidsLimit", "Sysctls", "RestartPolicy", "DeviceCgroupRules", "GroupAdd", "CgroupParent", "Runtime", "OomKillDisable",
                "Ulimits", "LogConfig", "PublishAllPorts", "MaskedPaths", "ReadonlyPaths", "ShmSize", "Tmpfs", "ExtraHosts", "Dns"));
    }

    public Iote080MisplacedSecurityField() {
        super("IOTE-080", "MisplacedSecurityField", INFO, "Misplaced (ineffective) security field",
                "A HostConfig setting (Privileged, Binds, CapAdd, NetworkMode, ...) is at the top level of createOptions, where Docker ignores it. The author's intent and the deployed container differ.",
                "Move the setting into HostConfig (or remove it if it is not wanted).",
                "FixedBuffer/Raspi_IoTEdge_IO deployment.template.json");
    }

    @Override
    protected void checkOptions(RuleContext ctx, ModuleSpec m, JObject o, JObject hc) {
        for (JObject.Member mem : o.effectiveMembers()) {
            if (HOST_FIELDS.contains(mem.name())) {
                ctx.report(this, m, mem.value(), Checks.who(m) + " sets " + mem.name() + " at the top level of createOptions, where Docker ignores it; it belongs in HostConfig.");
            }
        }
    }
}
