package io.edgesec.itest.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The published Azure security message schema, unmodified (the repository's copy under
 * shared/reference/schemas/azure-security-message), as io.edgesec.itest.AzureSchema loads it;
 * that helper is package-private to io.edgesec.itest.
 */
final class EdgeSchema {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonSchema schema;

    EdgeSchema() {
        String root = EdgeAgent.ROOT.resolve("shared/reference/schemas/azure-security-message/messageRoot.json").toUri().toString();
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(SchemaLocation.of(root), config);
    }

    /** @return the violations, empty if the message body is valid */
    List<String> violations(String messageJson) throws Exception {
        List<String> out = new ArrayList<>();
        for (ValidationMessage m : schema.validate(JSON.readTree(messageJson))) {
            out.add(m.getMessage());
        }
        return out;
    }
}
