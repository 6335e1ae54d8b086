package io.edgesec.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.support.json.JsonDocuments;
import io.edgesec.support.json.JsonText;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The validator itself: the published samples pass and fail as published. */
class AzureMessageSchemaTest {

    private static Map<String, Object> samples() throws Exception {
        try (InputStream in = AzureMessageSchemaTest.class.getResourceAsStream("/azure-security-message/samples.json")) {
            return JsonDocuments.object(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void publishedValidSamplesValidate() throws Exception {
        List<?> valid = (List<?>) samples().get("valid");
        assertEquals(13, valid.size());
        for (Object m : valid) {
            AzureMessageSchema.assertValid(JsonText.write(m));
        }
    }

    @Test
    void publishedInvalidSamplesDoNot() throws Exception {
        List<?> invalid = (List<?>) samples().get("invalid");
        assertEquals(6, invalid.size());
        for (Object m : invalid) {
            assertFalse(AzureMessageSchema.errors(JsonText.write(m)).isEmpty(), JsonText.write(m));
        }
    }

    @Test
    void formatsAreAsserted() {
        String event = "{\"EventType\":\"Security\",\"Category\":\"Periodic\",\"Name\":\"ListeningPorts\",\"IsEmpty\":false,"
                + "\"PayloadSchemaVersion\":\"1.0\",\"Id\":\"072f3eca-3db0-45ba-8174-fa383bc93caf\","
                + "\"TimestampLocal\":\"%s\",\"TimestampUTC\":\"2018-08-10T11:01:21.000Z\","
                + "\"Payload\":[{\"LocalAddress\":\"%s\",\"LocalPort\":\"80\",\"Protocol\":\"tcp\"}]}";
        assertTrue(AzureMessageSchema.eventErrors(String.format(event, "2018-08-10T12:01:21.000+01:00", "0.0.0.0")).isEmpty());
        assertTrue(AzureMessageSchema.eventErrors(String.format(event, "2018-08-10T12:01:21.000+01:00", "::")).isEmpty());
        assertFalse(AzureMessageSchema.eventErrors(String.format(event, "2018-08-10 12:01:21", "0.0.0.0")).isEmpty(),
                "date-time is checked");
        assertFalse(AzureMessageSchema.eventErrors(String.format(event, "2018-08-10T12:01:21.000+01:00", "*")).isEmpty(),
                "ipv4/ipv6 is checked");
        assertThrows(AssertionError.class, () -> AzureMessageSchema.assertValidEvent(String.format(event, "x", "0.0.0.0")));
    }
}
