package io.edgesec.collector.system.internal.firewall;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = FirewallConfig.PID, name = "edgesec firewall configuration collector",
        description = "FirewallConfiguration: iptables (legacy and nf_tables backends) and nftables rules and policies, IPv4 and IPv6.")
public @interface FirewallConfig {
    String PID = "io.edgesec.collector.firewall";

    @AttributeDefinition(name = "Period", description = "ISO-8601 period; empty: the agent's snapshotFrequency.")
    String edgesec_collector_period() default "";

    @AttributeDefinition(description = "Named network namespace to read (ip netns exec NAME); empty: the agent's own, which is the host's when the module runs with the host network.")
    String netns() default "";

    @AttributeDefinition(description = "Longest a firewall tool may run, in seconds.", min = "1", max = "300")
    int toolTimeoutSeconds() default 20;

    @AttributeDefinition(description = "Raise the IoT_Permissive* recommendations.")
    boolean recommendations() default true;
}
