package io.edgesec.manifest.internal.model;

import java.util.Locale;

/**
 * A module image reference as the edge agent reads it ({@code DockerConfig.ValidateAndGetImage}):
 * trimmed, a leading {@code $upstream:port/} kept as the registry of a nested edge parent, and
 * {@code :latest} implied when there is no tag.
 */
public record ImageRef(String raw, String registry, String repository, String tag, String digest, boolean upstream) {

    public static ImageRef parse(String image) {
        String s = image == null ? "" : image.trim();
        String digest = null;
        int at = s.indexOf('@');
        String name = s;
        if (at >= 0) {
            digest = s.substring(at + 1);
            name = s.substring(0, at);
        }
        String tag = null;
        int slash = name.lastIndexOf('/');
        int colon = name.lastIndexOf(':');
        if (colon > slash) {
            tag = name.substring(colon + 1);
            name = name.substring(0, colon);
        }
        String registry = "docker.io";
        String repo = name;
        int first = name.indexOf('/');
        if (first > 0) {
            String head = name.substring(0, first);
            if (head.contains(".") || head.contains(":") || head.equalsIgnoreCase("localhost") || head.startsWith("$")) {
                registry = head;
                repo = name.substring(first + 1);
            }
        }
        boolean upstream = registry.toLowerCase(Locale.ROOT).startsWith("$upstream");
        return new ImageRef(s, registry, repo, tag, digest, upstream);
    }

    /** @return the tag the agent uses: the given one, or {@code latest} */
    public String effectiveTag() {
        return tag == null ? "latest" : tag;
    }

    /** @return the registry host without a port, lower case */
    public String registryHost() {
        String r = registry.toLowerCase(Locale.ROOT);
        if (r.startsWith("http://") || r.startsWith("https://")) {
            r = r.substring(r.indexOf("//") + 2);
        }
        int c = r.lastIndexOf(':');
        return c > 0 && !r.startsWith("[") ? r.substring(0, c) : r;
    }
}
