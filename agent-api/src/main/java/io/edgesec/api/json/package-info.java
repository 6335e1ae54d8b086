/**
 * What is left of agent-api's own JSON reader and writer (removed in 2.0.0, issue 13): only
 * {@link io.edgesec.api.json.JsonSerializable}, which {@code SecurityEvent} implements since 1.0,
 * so that the event package keeps its major version and collectors built against 1.x still
 * resolve and link. The agent reads and writes JSON with Jackson (jackson-core, a shared bundle
 * of the runtime); events and messages write theirs with it ({@code toJson()},
 * {@code toUtf8()}).
 */
@org.osgi.annotation.versioning.Version("2.0.0")
@org.osgi.annotation.bundle.Export
package io.edgesec.api.json;
