package io.edgesec.testing;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Validates JSON against the Azure IoT security message schema (draft-07, with format
 * assertions on: {@code date-time}, {@code ipv4}, {@code ipv6}).
 *
 * <p>Self-contained so that other modules' tests can copy it: this file, the folder
 * {@code src/test/resources/azure-security-message/} (the schemas and their README) and a test
 * dependency on {@code com.networknt:json-schema-validator:1.5.6}. Depends on nothing of edgesec.
 */
public final class AzureMessageSchema {
    /** A made-up base that the schemas' relative {@code $id}s and {@code $ref}s resolve against. */
    private static final String BASE = "https://schemas.edgesec.invalid/azure-security-message/";
    private static final JsonSchema ROOT = load("messageRoot.json");

    private AzureMessageSchema() {
    }

    private static JsonSchema load(String file) {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7,
                b -> b.schemaMappers(m -> m.mapPrefix(BASE, "classpath:azure-security-message/")));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        return factory.getSchema(SchemaLocation.of(BASE + file), config);
    }

    /** @return the schema violations of a whole message (envelope), empty if it is valid */
    public static List<String> errors(String messageJson) {
        Set<ValidationMessage> messages = ROOT.validate(messageJson, InputFormat.JSON);
        List<String> out = new ArrayList<>();
        for (ValidationMessage m : messages) {
            out.add(m.getInstanceLocation() + ": " + m.getMessage());
        }
        return out;
    }

    /** @throws AssertionError naming every violation and the message, if it is not valid */
    public static void assertValid(String messageJson) {
        List<String> errors = errors(messageJson);
        if (!errors.isEmpty()) {
            throw new AssertionError("not a valid Azure security message:\n  " + String.join("\n  ", errors)
                    + "\nmessage: " + messageJson);
        }
    }

    /** @return the violations of one event, checked inside a minimal valid envelope */
    public static List<String> eventErrors(String eventJson) {
        return errors("{\"AgentVersion\":\"0.0.0\",\"AgentId\":\"00000000-0000-0000-0000-000000000000\","
                + "\"MessageSchemaVersion\":\"1.0\",\"Events\":[" + eventJson + "]}");
    }

    /** @throws AssertionError if one event is not valid (inside a minimal envelope) */
    public static void assertValidEvent(String eventJson) {
        List<String> errors = eventErrors(eventJson);
        if (!errors.isEmpty()) {
            throw new AssertionError("not a valid Azure security event:\n  " + String.join("\n  ", errors)
                    + "\nevent: " + eventJson);
        }
    }
}
