package io.edgesec.manifest.internal.model;

import io.edgesec.manifest.internal.json.JsonNode;

/**
 * One environment variable of a module: from the module {@code env} ({@code "NAME": {"value": x}})
 * or from createOptions {@code Env} ({@code "NAME=value"}).
 *
 * @param name      the variable name
 * @param value     its value as text ("" when missing)
 * @param node      the node to point a finding at (the value node, or the Env entry)
 * @param fromOptions true if it comes from createOptions {@code Env}
 */
public record EnvVar(String name, String value, JsonNode node, boolean fromOptions) {
}
