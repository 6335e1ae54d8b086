package io.edgesec.json.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class AgentEscapesTest {
    private static final JsonFactory FACTORY = new JsonFactoryBuilder().characterEscapes(new AgentEscapes()).build();

    @Test
    void jacksonWithTheseEscapesWritesWhatQuotedWrites() throws IOException {
        String s = "a\"b\\c\n\r\t\b\f\u0001\u001f\u2028\u2029\u007f é 😀 /";
        assertEquals("\"a\\\"b\\\\c\\n\\r\\t\\u0008\\u000c\\u0001\\u001f\\u2028\\u2029\u007f é 😀 /\"", AgentEscapes.quoted(s));
        assertEquals(AgentEscapes.quoted(s), jackson(s));
    }

    @Test
    void aLoneSurrogateIsFoundAndEscapedAPairIsKept() {
        String pair = "😀";
        assertEquals(-1, AgentEscapes.loneSurrogate("x" + pair + "y", 0));
        assertEquals(1, AgentEscapes.loneSurrogate("x\ud800" + pair, 0));
        assertEquals(3, AgentEscapes.loneSurrogate("x" + pair + "\udc00", 0));
        assertEquals(4, AgentEscapes.loneSurrogate("\ud800x" + pair + "\udc00", 1));
        assertEquals("\"\\ud800" + pair + "\\udc00\"", AgentEscapes.quoted("\ud800" + pair + "\udc00"));
    }

    private static String jackson(String s) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeString(s);
        }
        return out.toString();
    }
}
