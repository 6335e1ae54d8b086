package io.edgesec.support.json;

import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * How much of a JSON document from outside (the twin, a --config file, a state file) is read
 * before it is refused: a hostile document must not make the agent recurse, allocate or parse
 * without bound. Jackson enforces these as it reads ({@link StreamReadConstraints}).
 *
 * @param maxDepth          objects and arrays nested deeper than this are refused
 * @param maxStringLength   longest string value or member name, in characters
 * @param maxNumberLength   longest number, in characters
 * @param maxDocumentLength longest document, in characters
 */
public record JsonLimits(int maxDepth, int maxStringLength, int maxNumberLength, long maxDocumentLength) {

    /**
     * For configuration and state documents: far beyond any real one (a twin is at most 32 KB,
     * a rule file some 100 KB), far below what would hurt a device.
     */
    public static final JsonLimits DOCUMENTS = new JsonLimits(512, 1 << 20, 100, 16L << 20);

    public JsonLimits {
        if (maxDepth < 1 || maxStringLength < 1 || maxNumberLength < 1 || maxDocumentLength < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    StreamReadConstraints constraints() {
        return StreamReadConstraints.builder()
                // one more than ours: JsonDocuments reports the depth in its own words first
                .maxNestingDepth(maxDepth + 1)
                .maxStringLength(maxStringLength)
                .maxNameLength(maxStringLength)
                .maxNumberLength(maxNumberLength)
                .maxDocumentLength(maxDocumentLength)
                .build();
    }
}
