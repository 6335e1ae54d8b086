package io.edgesec.manifest.internal.model;

import io.edgesec.manifest.internal.json.JObject;
import io.edgesec.manifest.internal.json.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A host path or volume made visible to a module, from {@code HostConfig.Binds} ("src:dst[:opts]",
 * Windows drive sources such as {@code c:\iotedge:/appdata/} included) or {@code HostConfig.Mounts}.
 *
 * @param source     host path, volume name or placeholder; never null
 * @param target     container path, or ""
 * @param options    bind options (e.g. {@code ro,rshared}), or ""
 * @param hostPath   true for a host path (absolute or Windows), false for a named volume or tmpfs
 * @param readOnly   true if mounted read-only
 * @param propagation the bind propagation, or ""
 * @param node       the manifest/options node that declares it
 */
public record HostMount(String source, String target, String options, boolean hostPath, boolean readOnly,
                        String propagation, JsonNode node) {

    /** Parses one {@code Binds} entry. */
    public static HostMount fromBind(String bind, JsonNode node) {
        String s = bind.trim();
        int from = 0;
        if (s.length() > 2 && Character.isLetter(s.charAt(0)) && s.charAt(1) == ':' && (s.charAt(2) == '\\' || s.charAt(2) == '/')) {
            from = 2; // Windows drive letter
        }
        int c1 = s.indexOf(':', from);
        String source = c1 < 0 ? s : s.substring(0, c1);
        String target = "";
        String options = "";
        if (c1 >= 0) {
            int c2 = s.indexOf(':', c1 + 1);
            target = c2 < 0 ? s.substring(c1 + 1) : s.substring(c1 + 1, c2);
            options = c2 < 0 ? "" : s.substring(c2 + 1);
        }
        boolean host = isHostPath(source);
        String propagation = "";
        boolean ro = false;
        for (String o : options.split(",")) {
            String opt = o.trim().toLowerCase(Locale.ROOT);
            if (opt.equals("ro")) {
                ro = true;
            } else if (opt.matches("r?(shared|slave|private)")) {
                propagation = opt;
            }
        }
        return new HostMount(source, target, options, host, ro, propagation, node);
    }

    /** Reads one {@code Mounts} entry ({@code Type}, {@code Source}, {@code Target}, ...). */
    public static HostMount fromMount(JObject m) {
        String type = m.getString("Type");
        String source = text(m.get("Source"));
        String target = text(m.get("Target"));
        boolean ro = Truthy.isTrue(m.get("ReadOnly"));
        JObject bo = m.getObject("BindOptions");
        String propagation = bo == null ? "" : String.valueOf(text(bo.get("Propagation"))).toLowerCase(Locale.ROOT);
        boolean host = type == null ? isHostPath(source) : type.equalsIgnoreCase("bind");
        return new HostMount(source, target, ro ? "ro" : "", host, ro, propagation, m);
    }

    private static String text(JsonNode n) {
        return n == null ? "" : n.asText();
    }

    /** @return true for an absolute Unix path or a Windows drive path */
    public static boolean isHostPath(String source) {
        return source.startsWith("/") || source.startsWith("\\")
                || (source.length() > 1 && Character.isLetter(source.charAt(0)) && source.charAt(1) == ':');
    }

    /** @return the host source normalised: duplicate and trailing slashes removed */
    public String normalizedSource() {
        String s = source.replaceAll("/+", "/");
        while (s.length() > 1 && s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** @return true if the source is {@code path} or below it */
    public boolean sourceUnder(String path) {
        String s = normalizedSource();
        return s.equals(path) || s.startsWith(path.endsWith("/") ? path : path + "/");
    }

    /** Collects the mounts of a HostConfig (Binds and Mounts). */
    public static List<HostMount> of(JObject hostConfig) {
        List<HostMount> out = new ArrayList<>();
        if (hostConfig == null) {
            return out;
        }
        var binds = hostConfig.getArray("Binds");
        if (binds != null) {
            for (JsonNode b : binds.items()) {
                if (b.asString() != null) {
                    out.add(fromBind(b.asString(), b));
                }
            }
        }
        var mounts = hostConfig.getArray("Mounts");
        if (mounts != null) {
            for (JsonNode m : mounts.items()) {
                if (m.asObject() != null) {
                    out.add(fromMount(m.asObject()));
                }
            }
        }
        return out;
    }
}
