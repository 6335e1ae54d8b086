package io.edgesec.manifest.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;

/**
 * The Jackson factories the analyzer parses with, both bounded for hostile input (a manifest can
 * come from a twin or a pull request): nesting, string and document length.
 */
final class ReadLimits {
    /** Deeper than any manifest or createOptions; also bounds the tree builder's recursion. */
    static final int MAX_NESTING_DEPTH = 256;
    /** A module twin's desired properties are at most 32 KB; one string far beyond that is an attack. */
    static final int MAX_STRING_LENGTH = 1 << 20;
    /** 50 modules with 32 KB twins each, pretty-printed, stay well below this. */
    static final int MAX_DOCUMENT_LENGTH = 8 << 20;

    static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING_DEPTH)
            .maxStringLength(MAX_STRING_LENGTH)
            .maxDocumentLength(MAX_DOCUMENT_LENGTH)
            .build();

    /**
     * RFC 8259 only. Names are not canonicalized: a document is read once, and looking every name
     * up in Jackson's symbol table costs more than making its string.
     */
    static final JsonFactory STRICT = new JsonFactoryBuilder().streamReadConstraints(CONSTRAINTS)
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .build();

    /**
     * What Newtonsoft.Json's {@code JsonTextReader} accepts: comments, single quotes, unquoted
     * member names, trailing commas, raw control characters in strings, leading zeros.
     * (Single quotes also admit the escape {@code \'}.)
     */
    static final JsonFactory LENIENT = new JsonFactoryBuilder().streamReadConstraints(CONSTRAINTS)
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .enable(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS)
            .build();

    private ReadLimits() {
    }
}
