/**
 * A small, dependency-free JSON reader and writer: what {@code SecurityEvent} and
 * {@code SecurityMessage} write their JSON with.
 *
 * <p>On its way out (issue 13): the agent's bundles read and write JSON with Jackson, the
 * runtime's one JSON library (jackson-core, a shared bundle), through the private support
 * library; new code should not use this package. It goes in agent-api 2.0.0, once events and
 * messages are serialized with Jackson's {@code JsonGenerator} outside agent-api and
 * collector-docker and the manifest analyzer have moved off it.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
@org.osgi.annotation.bundle.Export
package io.edgesec.api.json;
