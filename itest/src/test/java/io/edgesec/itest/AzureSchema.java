package io.edgesec.itest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Path;
import java.util.Set;

/** The published Azure security message schema (repository copy under shared/reference/schemas/), unmodified. */
public final class AzureSchema {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The event names the Azure schema defines. edgesec's own kinds (SoftwareInventory,
     * Recommendation, ContainerEvent ...) travel in messages of their own (the aggregator never
     * mixes them with these), which the Azure schema does not describe.
     */
    public static final Set<String> EVENT_NAMES = Set.of("ProcessCreate", "ProcessTerminate", "ConnectionCreate", "Login",
            "ListeningPorts", "LocalUsers", "FirewallConfiguration", "OSBaseline", "SystemInformation", "ConnectedHardware",
            "Diagnostic", "ConfigurationError", "DroppedEventsStatistics", "MessageStatistics");
    private final JsonSchema schema;

    public AzureSchema(Path root) {
        Path dir = root.resolve("shared/reference/schemas/azure-security-message").toAbsolutePath().normalize();
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(com.networknt.schema.SchemaLocation.of(dir.resolve("messageRoot.json").toUri().toString()), config);
    }

    /**
     * @return true if the message carries events of the Azure schema (the aggregator never mixes
     *         them with edgesec's own kinds; a mixed message fails here)
     */
    public static boolean isAzureMessage(String messageJson) throws Exception {
        JsonNode events = JSON.readTree(messageJson).get("Events");
        int azure = 0;
        for (JsonNode e : events) {
            azure += EVENT_NAMES.contains(e.path("Name").asText()) ? 1 : 0;
        }
        if (azure != 0 && azure != events.size()) {
            throw new AssertionError("a message mixes Azure events with edgesec's own kinds: " + messageJson);
        }
        return azure > 0;
    }

    /** @return the violation messages, empty if the message is valid */
    public java.util.List<String> violations(String messageJson) throws Exception {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (ValidationMessage m : validate(messageJson)) {
            out.add(m.getMessage());
        }
        return out;
    }

    /** @return the violations, empty if the message is valid */
    public Set<ValidationMessage> validate(String messageJson) throws Exception {
        JsonNode node = JSON.readTree(messageJson);
        return schema.validate(node);
    }
}
