package io.edgesec.itest.edge;

import static io.edgesec.itest.edge.HubStandIn.AZURE;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates the patches of a hostile twin writer, reproducibly from a seed: wrong types, sizes
 * and depths for real settings, unknown keys, device policy settings, truncated or absurdly
 * nested JSON, bundle entries with locations outside the data directory (direct, through a
 * symbolic link, by traversal), at a FIFO, with wrong or right digests, bad names.
 */
final class HostilePatches {
    record Patch(Map<String, Object> json, String raw) {
    }

    private static final String[] AZURE_KEYS = {"highPriorityMessageFrequency", "lowPriorityMessageFrequency", "snapshotFrequency",
        "maxLocalCacheSizeInBytes", "maxMessageSizeInBytes", "hubResourceId", "eventPriorityLogin", "aggregationEnabledProcessCreate"};
    private static final String[] POLICY = {"io%2Eedgesec%2Ebundles/allowedSources", "io%2Eedgesec%2Ebundles/dataDir",
        "io%2Eedgesec%2Ebundles/enabled", "io%2Eedgesec%2Epolicy/localOnly", "io%2Eedgesec%2Epolicy/twinPids",
        "io%2Eedgesec%2Ecollector%2Eaudit/logPath", "io%2Eedgesec%2Ecollector%2Eaudit/auditctlPath",
        "io%2Eedgesec%2Etransport%2Eedgehub/connectionString", "io%2Eedgesec%2Etransport%2Efile/path",
        "io%2Eedgesec%2Ecollector%2Eprocess/procRoot", "io%2Eedgesec%2Eaggregator/spoolDirectory"};

    private final Random random;
    private final List<Path> locations;
    private final String goodSha;

    HostilePatches(Random random, List<Path> locations, String goodSha) {
        this.random = random;
        this.locations = locations;
        this.goodSha = goodSha;
    }

    Patch next() {
        return switch (random.nextInt(8)) {
            case 0 -> new Patch(Map.of(AZURE, Map.of(pick(AZURE_KEYS), HubStandIn.value(anyValue()))), null);
            case 1 -> policy();
            case 2 -> new Patch(Map.of("edgesec", Map.of("bundles", bundles())), null);
            case 3 -> new Patch(Map.of("edgesec", Map.of("io%2Eedgesec%2Ecollector%2Elisteningports",
                    Map.of(random.nextBoolean() ? "edgesec%2Ecollector%2Eperiod" : "unknown" + random.nextInt(1000), anyValue()))), null);
            case 4 -> new Patch(null, raw());
            case 5 -> new Patch(Map.of(random.nextBoolean() ? "edgesec" : AZURE, anyValue()), null);
            case 6 -> new Patch(Map.of("edgesec", Map.of("bundles", anyValue())), null);
            default -> new Patch(Map.of("edgesec", deep(1 + random.nextInt(40))), null);
        };
    }

    private Patch policy() {
        String[] pidKey = pick(POLICY).split("/");
        Object v = switch (random.nextInt(4)) {
            case 0 -> List.of("file:/");
            case 1 -> "/";
            case 2 -> false;
            default -> anyValue();
        };
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(pidKey[1], v);
        return new Patch(Map.of("edgesec", Map.of(pidKey[0], props)), null);
    }

    private Map<String, Object> bundles() {
        Map<String, Object> out = new LinkedHashMap<>();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            String name = switch (random.nextInt(6)) {
                case 0 -> "com%2Eexample%2Eoutside";
                case 1 -> "com%2Eexample%2Einside";
                case 2 -> "..%2F..%2Fetc";
                case 3 -> "io%2Eedgesec%2Eaggregator"; // a name taken by an agent bundle
                default -> "com%2Eexample%2Eb" + random.nextInt(20);
            };
            if (random.nextInt(8) == 0) {
                out.put(name, null);
                continue;
            }
            Map<String, Object> e = new LinkedHashMap<>();
            Path loc = locations.get(random.nextInt(locations.size()));
            e.put("location", switch (random.nextInt(5)) {
                case 0 -> "http://127.0.0.1:1/x.jar";
                case 1 -> "file:///etc/shadow";
                default -> loc.toUri().toString();
            });
            e.put("sha256", switch (random.nextInt(3)) {
                case 0 -> goodSha;
                case 1 -> "0".repeat(64);
                default -> "not-a-digest";
            });
            if (random.nextBoolean()) {
                e.put("version", random.nextBoolean() ? "1.0.0" : anyValue());
            }
            out.put(name, random.nextInt(10) == 0 ? anyValue() : e);
        }
        return out;
    }

    private String raw() {
        return switch (random.nextInt(5)) {
            case 0 -> "{\"" + AZURE + "\": {\"highPriorityMessageFrequency\": {\"value\": \"PT";
            case 1 -> "{\"a\":".repeat(600 + random.nextInt(10_000)) + "1" + "}".repeat(10);
            case 2 -> "[1, 2, 3]";
            case 3 -> "not json at all " + random.nextInt();
            default -> "{\"edgesec\": {\"bundles\": " + "[".repeat(2000) + "]".repeat(2000) + "}}";
        };
    }

    private Object anyValue() {
        return switch (random.nextInt(10)) {
            case 0 -> random.nextLong();
            case 1 -> random.nextBoolean();
            case 2 -> "x".repeat(random.nextInt(70_000));
            case 3 -> List.of(1, "two", List.of(3));
            case 4 -> Map.of("value", Map.of("nested", random.nextInt()));
            case 5 -> "PT" + (1 + random.nextInt(5)) + "S";
            case 6 -> "../../../../etc/shadow";
            case 7 -> random.nextDouble() * 1e30;
            case 8 -> "";
            default -> manyKeys(random.nextInt(3000));
        };
    }

    private Map<String, Object> manyKeys(int n) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            m.put("k" + i, i);
        }
        return m;
    }

    private Map<String, Object> deep(int depth) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("leaf", 1);
        for (int i = 0; i < depth; i++) {
            Map<String, Object> outer = new LinkedHashMap<>();
            outer.put("d" + i, m);
            m = outer;
        }
        return m;
    }

    private String pick(String[] from) {
        return from[random.nextInt(from.length)];
    }
}
