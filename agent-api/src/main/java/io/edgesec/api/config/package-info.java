/** Applying twin-shaped configuration documents to the agent's components. */
@org.osgi.annotation.versioning.Version("1.0.0")
@org.osgi.annotation.bundle.Export
package io.edgesec.api.config;
