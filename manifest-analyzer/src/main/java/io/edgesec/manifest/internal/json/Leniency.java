package io.edgesec.manifest.internal.json;

/**
 * A place where a lenient parse accepted something strict JSON does not, as Newtonsoft.Json
 * (and so the IoT Edge agent) does.
 *
 * @param kind   what was accepted: {@code comment}, {@code single-quoted string},
 *               {@code single-quoted member name}, {@code unquoted member name},
 *               {@code trailing comma} or {@code control character in string}
 * @param offset where, as a UTF-16 index into the parsed text
 */
public record Leniency(String kind, int offset) {
}
