/**
 * The event model of the Azure IoT security message schema (message schema version 1.0):
 * events with a name, type, category and payload items, and the envelope that carries them.
 */
@org.osgi.annotation.versioning.Version("1.4.0")
@org.osgi.annotation.bundle.Export
package io.edgesec.api.event;
