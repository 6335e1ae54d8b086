package io.edgesec.collector.system.internal.baseline;

import io.edgesec.support.json.JsonDocumentException;
import io.edgesec.support.json.JsonDocuments;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A check catalogue: JSON data, {@code {"checks": [ {msid, cceid, severity, description,
 * distro?, type, ...parameters} ]}}. The built-in one ({@code oms-baseline.json}) is the OMS
 * baseline of 2018 with the OMS ssh checks; custom files use the same language. Every check is
 * validated when read (known type, required parameters, regular expressions that compile), so
 * a bad custom file is refused as a whole with the check and the reason named.
 */
public final class CheckCatalogue {
    public static final int MAX_BYTES = 1 << 20;
    public static final int MAX_CHECKS = 2000;
    static final Set<String> SEVERITIES = Set.of("Critical", "Important", "Warning", "Informational");
    /** type -> required parameters */
    static final Map<String, List<String>> TYPES = Map.ofEntries(
            Map.entry("fileStats", List.of("path")),
            Map.entry("fileExists", List.of("path")),
            Map.entry("matchingLines", List.of("path", "regex")),
            Map.entry("noMatchingLines", List.of("path", "regex")),
            Map.entry("matchingLinesInDir", List.of("path", "regex")),
            Map.entry("sysctl", List.of("key", "regex")),
            Map.entry("packageInstalled", List.of()),
            Map.entry("packageNotInstalled", List.of()),
            Map.entry("serviceEnabled", List.of("names")),
            Map.entry("serviceDisabled", List.of("names")),
            Map.entry("serviceRunning", List.of("names")),
            Map.entry("sshdConfig", List.of("keys", "regex")),
            Map.entry("noPromiscInterfaces", List.of()),
            Map.entry("noWirelessInterfaces", List.of()),
            Map.entry("kernelFromPackage", List.of()));
    static final Set<String> REGEX_PARAMS = Set.of("regex", "unless", "packageRegex");

    private CheckCatalogue() {
    }

    /** @return the built-in catalogue */
    public static List<Check> builtIn() {
        try (InputStream in = CheckCatalogue.class.getResourceAsStream("oms-baseline.json")) {
            if (in == null) {
                throw new IllegalStateException("oms-baseline.json is missing from the bundle");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "builtin");
        } catch (IOException | CatalogueException e) {
            throw new IllegalStateException("the built-in baseline is broken: " + e.getMessage(), e);
        }
    }

    /** A catalogue that cannot be used, with where and why. */
    public static final class CatalogueException extends Exception {
        private static final long serialVersionUID = 1L;

        public CatalogueException(String message) {
            super(message);
        }
    }

    @SuppressWarnings("unchecked")
    public static List<Check> parse(String json, String origin) throws CatalogueException {
        if (json.length() > MAX_BYTES) {
            throw new CatalogueException("larger than " + MAX_BYTES + " bytes");
        }
        Map<String, Object> root;
        try {
            root = JsonDocuments.object(json);
        } catch (JsonDocumentException e) {
            throw new CatalogueException(e.getMessage());
        }
        if (!(root.get("checks") instanceof List<?> items)) {
            throw new CatalogueException("no \"checks\" array");
        }
        if (items.size() > MAX_CHECKS) {
            throw new CatalogueException("more than " + MAX_CHECKS + " checks");
        }
        List<Check> out = new ArrayList<>();
        int i = 0;
        for (Object o : items) {
            String where = "check " + i++;
            if (!(o instanceof Map<?, ?> m)) {
                throw new CatalogueException(where + " is not an object");
            }
            Map<String, Object> c = new LinkedHashMap<>((Map<String, Object>) m);
            String msid = text(c, "msid", where);
            where = where + " (msid " + msid + ")";
            String cce = c.get("cceid") == null ? "" : c.get("cceid").toString();
            String severity = text(c, "severity", where);
            if (!SEVERITIES.contains(severity)) {
                throw new CatalogueException(where + ": severity '" + severity + "' is not one of " + SEVERITIES);
            }
            String description = text(c, "description", where);
            String type = text(c, "type", where);
            List<String> required = TYPES.get(type);
            if (required == null) {
                throw new CatalogueException(where + ": unknown type '" + type + "'; known: " + new java.util.TreeSet<>(TYPES.keySet()));
            }
            for (String r : required) {
                if (c.get(r) == null) {
                    throw new CatalogueException(where + ": type " + type + " needs '" + r + "'");
                }
            }
            if (type.startsWith("package") && c.get("name") == null && c.get("packageRegex") == null) {
                throw new CatalogueException(where + ": type " + type + " needs 'name' or 'packageRegex'");
            }
            for (String r : REGEX_PARAMS) {
                if (c.get(r) != null) {
                    try {
                        Pattern.compile(c.get(r).toString());
                    } catch (PatternSyntaxException e) {
                        throw new CatalogueException(where + ": " + r + " is not a regular expression: " + e.getDescription());
                    }
                }
            }
            for (String listParam : List.of("names", "keys")) {
                if (c.get(listParam) != null && !(c.get(listParam) instanceof List<?>)) {
                    throw new CatalogueException(where + ": '" + listParam + "' must be an array of strings");
                }
            }
            String distro = c.get("distro") == null ? "*" : c.get("distro").toString();
            out.add(new Check(msid, cce, severity, description, distro, type, c, origin));
        }
        return out;
    }

    private static String text(Map<String, Object> c, String key, String where) throws CatalogueException {
        if (!(c.get(key) instanceof String s) || s.isBlank()) {
            throw new CatalogueException(where + ": '" + key + "' is missing or not a string");
        }
        return s;
    }
}
