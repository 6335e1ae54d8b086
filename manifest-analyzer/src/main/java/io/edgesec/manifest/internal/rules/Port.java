package io.edgesec.manifest.internal.rules;

import io.edgesec.manifest.internal.json.JObject;
import io.edgesec.manifest.internal.json.JsonNode;
import io.edgesec.manifest.internal.model.Truthy;
import java.util.ArrayList;
import java.util.List;

/**
 * One published port of {@code HostConfig.PortBindings}.
 *
 * @param containerPort the container port (or -1 if unreadable)
 * @param protocol      tcp/udp
 * @param hostIp        the HostIp ("" if absent)
 * @param hostPort      the host port, or -1 (Docker then picks one)
 * @param node          the binding object, or the PortBindings member value when it has none
 */
public record Port(int containerPort, String protocol, String hostIp, int hostPort, JsonNode node) {

    /** @return true when the binding listens on every host interface */
    public boolean allInterfaces() {
        String ip = hostIp.trim();
        return ip.isEmpty() || ip.equals("0.0.0.0") || ip.equals("::") || ip.equals("[::]");
    }

    /** @return the port as seen from the host (host port, or container port when unset) */
    public int effectiveHostPort() {
        return hostPort > 0 ? hostPort : containerPort;
    }

    public static List<Port> of(JObject hostConfig) {
        List<Port> out = new ArrayList<>();
        JObject pb = hostConfig == null ? null : hostConfig.getObject("PortBindings");
        if (pb == null) {
            return out;
        }
        for (JObject.Member m : pb.effectiveMembers()) {
            String key = m.name().trim();
            int slash = key.indexOf('/');
            String proto = slash < 0 ? "tcp" : key.substring(slash + 1);
            int cport = parse(slash < 0 ? key : key.substring(0, slash));
            var arr = m.value().asArray();
            if (arr == null || arr.size() == 0) {
                out.add(new Port(cport, proto, "", -1, m.value()));
                continue;
            }
            for (JsonNode b : arr.items()) {
                JObject o = b.asObject();
                String ip = o == null || o.get("HostIp") == null ? "" : o.get("HostIp").asText();
                Long hp = o == null ? null : Truthy.asLong(o.get("HostPort"));
                out.add(new Port(cport, proto, ip, hp == null ? -1 : hp.intValue(), b));
            }
        }
        return out;
    }

    private static int parse(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
