/**
 * A small, dependency-free JSON reader and writer: enough for the message schema, the module
 * twin and configuration files, so that the core of the agent needs no JSON library.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
@org.osgi.annotation.bundle.Export
package io.edgesec.api.json;
