package io.edgesec.manifest.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the positioned tree from Jackson's tokens. A value starts at its token's location; a
 * container ends where the parser stands after its closing bracket, a literal, number or string
 * after its text (a string's closing quote follows its value's length unless it has escapes).
 * Offsets are UTF-16 indexes into the text (Jackson's char offsets), so every node's source is
 * {@code text.substring(start, end)}.
 */
final class TreeBuilder {
    private final String text;
    /** Offset of the parser's first character in {@code text}: 1 after a byte order mark. */
    private final int base;
    private final JsonParser parser;
    /** Null in a strict parse. */
    private final LeniencyScan scan;
    /** End of the last token read, so that the scan sees what lies between tokens. */
    private int previousEnd;

    private TreeBuilder(String text, int base, JsonParser parser, LeniencyScan scan) {
        this.text = text;
        this.base = base;
        this.parser = parser;
        this.scan = scan;
        this.previousEnd = base;
    }

    /** Parses the whole text as one value with {@code factory}; {@code scan} names leniencies, if any. */
    static JsonNode build(String text, JsonFactory factory, LeniencyScan scan) throws JsonSyntaxException {
        long maxLength = ReadLimits.CONSTRAINTS.getMaxDocumentLength();
        if (text.length() > maxLength) {
            // Jackson checks the length only as it reads more input; the whole text is here already
            throw new JsonSyntaxException("document length (" + text.length() + " characters) exceeds the maximum allowed ("
                    + maxLength + ")", (int) maxLength);
        }
        int base = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? 1 : 0;
        // from a String Jackson copies into a recycled buffer; its char offsets count from base
        try (JsonParser parser = factory.createParser(base == 0 ? text : text.substring(base))) {
            TreeBuilder builder = new TreeBuilder(text, base, parser, scan);
            try {
                return builder.document();
            } catch (StreamConstraintsException e) {
                // the parser has just read the character that crossed the limit (e.g. the bracket one too deep)
                throw builder.failure(e, Math.max(base, builder.offset(parser.currentLocation()) - 1));
            } catch (JsonEOFException e) {
                // an unterminated string is best shown where it starts
                throw builder.failure(e, e.getTokenBeingDecoded() == JsonToken.VALUE_STRING
                        ? builder.tokenStart() : builder.offset(e.getLocation()));
            } catch (JsonProcessingException e) {
                throw builder.failure(e, builder.offset(e.getLocation()));
            }
        } catch (IOException e) {
            throw new JsonSyntaxException("cannot read the text: " + e.getMessage(), 0); // reading a String does not fail
        }
    }

    private JsonSyntaxException failure(JsonProcessingException e, int offset) {
        if (scan != null) {
            scan.between(previousEnd, offset, false); // what was accepted up to the error
        }
        return new JsonSyntaxException(withoutSource(e.getOriginalMessage()), offset);
    }

    /** Jackson names the source of a location it quotes in a message; the caller names the file. */
    private static String withoutSource(String message) {
        return message.replaceAll("\\[Source: [^;]*; line: (\\d+), column: (\\d+)\\]", "line $1, column $2");
    }

    private int offset(JsonLocation location) {
        return location == null || location.getCharOffset() < 0 ? text.length() : base + (int) location.getCharOffset();
    }

    private int tokenStart() {
        return offset(parser.currentTokenLocation());
    }

    private JsonToken next(boolean closingBracketAllowed) throws IOException {
        JsonToken t = parser.nextToken();
        if (scan != null) {
            scan.between(previousEnd, t == null ? text.length() : tokenStart(), closingBracketAllowed && t != null && t.isStructEnd());
        }
        return t;
    }

    private JsonNode document() throws IOException, JsonSyntaxException {
        JsonToken t = next(false);
        if (t == null) {
            throw new JsonSyntaxException("empty document", text.length());
        }
        JsonNode root = value(t, PointerPath.ROOT);
        if (next(false) != null) {
            throw new JsonSyntaxException("unexpected text after the JSON value", tokenStart());
        }
        return root;
    }

    private JsonNode value(JsonToken t, PointerPath path) throws IOException, JsonSyntaxException {
        int start = tokenStart();
        switch (t) {
            case START_OBJECT:
                return object(start, path);
            case START_ARRAY:
                return array(start, path);
            case VALUE_STRING:
                return string(start, path);
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return number(t, start, path);
            case VALUE_TRUE:
                return scalar(start, start + 4, path, JsonNode.Kind.BOOLEAN, Boolean.TRUE);
            case VALUE_FALSE:
                return scalar(start, start + 5, path, JsonNode.Kind.BOOLEAN, Boolean.FALSE);
            case VALUE_NULL:
                return scalar(start, start + 4, path, JsonNode.Kind.NULL, null);
            default:
                // Jackson reports a misplaced name or closing bracket itself
                throw new IllegalStateException("unexpected token " + t + " at " + start);
        }
    }

    private JsonNode scalar(int start, int end, PointerPath path, JsonNode.Kind kind, Object value) {
        previousEnd = end;
        return new JScalar(text, start, end, path, kind, value);
    }

    private JsonNode string(int start, PointerPath path) throws IOException, JsonSyntaxException {
        String value;
        try {
            value = parser.getText(); // Jackson reads a string to its closing quote only now
        } catch (StreamConstraintsException e) {
            throw failure(e, start); // where the long string starts
        }
        int end = afterQuoted(start, value);
        if (scan != null) {
            scan.string(start, end);
        }
        return scalar(start, end, path, JsonNode.Kind.STRING, value);
    }

    private JsonNode number(JsonToken t, int start, PointerPath path) throws IOException {
        // Jackson's number text is the source text, except for leading zeros it allowed and dropped
        int end = start + parser.getTextLength();
        if (scan != null) {
            while (end < text.length() && isNumberCharacter(text.charAt(end))) {
                end++;
            }
        }
        // as before Jackson: up to 18 digits a Long, anything longer or with a fraction or exponent a Double
        Object value = t == JsonToken.VALUE_NUMBER_INT && end - start < 19 ? (Object) parser.getLongValue() : (Object) parser.getDoubleValue();
        return scalar(start, end, path, JsonNode.Kind.NUMBER, value);
    }

    private static boolean isNumberCharacter(char c) {
        return c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
    }

    private JsonNode object(int start, PointerPath path) throws IOException, JsonSyntaxException {
        previousEnd = start + 1;
        List<JObject.Member> members = new ArrayList<>();
        while (next(true) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            int nameStart = tokenStart();
            int nameEnd = nameEnd(nameStart, name);
            if (scan != null) {
                scan.name(nameStart, nameEnd);
            }
            previousEnd = nameEnd;
            JsonNode v = value(next(false), path.member(name));
            v.memberNameStart = nameStart;
            members.add(new JObject.Member(name, nameStart, nameEnd, v));
        }
        // anything but END_OBJECT here is a syntax error Jackson has thrown
        previousEnd = offset(parser.currentLocation());
        return new JObject(text, start, previousEnd, path, members);
    }

    /** Just after a member name: after its closing quote, or its last character if unquoted (no escapes there). */
    private int nameEnd(int nameStart, String name) {
        char quote = text.charAt(nameStart);
        return quote == '"' || quote == '\'' ? afterQuoted(nameStart, name) : nameStart + name.length();
    }

    /** Just after the closing quote of a string or name that starts at {@code start} and reads {@code value}. */
    private int afterQuoted(int start, String value) {
        char quote = text.charAt(start);
        // Usually written as it reads: then the closing quote follows the value's length. A value
        // without that quote character has none inside its source either (an escaped quote reads
        // as one), so a quote found there cannot be an inner one.
        int plain = start + 1 + value.length();
        if (plain < text.length() && text.charAt(plain) == quote && value.indexOf(quote) < 0) {
            return plain + 1;
        }
        int i = start + 1;
        while (text.charAt(i) != quote) {
            i += text.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    private JsonNode array(int start, PointerPath path) throws IOException, JsonSyntaxException {
        previousEnd = start + 1;
        List<JsonNode> items = new ArrayList<>();
        JsonToken t;
        while (!(t = next(true)).isStructEnd()) {
            items.add(value(t, path.item(items.size())));
        }
        previousEnd = offset(parser.currentLocation());
        return new JArray(text, start, previousEnd, path, items);
    }
}
