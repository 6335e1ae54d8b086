package io.edgesec.manifest.internal.json;

import java.util.List;

/**
 * Parses JSON text into {@link JsonNode} trees that keep exact positions and JSON pointers, from
 * Jackson's tokens and locations, bounded for hostile input ({@link ReadLimits}).
 *
 * <p>{@link #strict} accepts RFC 8259 only (used for the manifest file). {@link #lenient} accepts
 * what Newtonsoft.Json's {@code JsonTextReader} accepts and the IoT Edge agent therefore deploys
 * (createOptions), and names every liberty it took, so that the analyzer can report non-strict
 * text.
 */
public final class JsonTrees {
    private JsonTrees() {
    }

    /** Parses strict JSON; pointers start at {@code ""}. */
    public static JsonNode strict(String text) throws JsonSyntaxException {
        return TreeBuilder.build(text, ReadLimits.STRICT, null);
    }

    /**
     * Parses strictly first and, only if that fails, with Newtonsoft's liberties (Jackson's
     * {@code JsonReadFeature.ALLOW_*}), naming each liberty taken in text order in {@code found}:
     * the first is where the strict parse failed. {@code found} also receives the liberties met
     * before an error the lenient parse cannot get past.
     */
    public static JsonNode lenient(String text, List<Leniency> found) throws JsonSyntaxException {
        try {
            return strict(text);
        } catch (JsonSyntaxException notStrict) {
            return TreeBuilder.build(text, ReadLimits.LENIENT, new LeniencyScan(text, found));
        }
    }
}
