/** The manifest analysis service: what other bundles use to have a deployment analyzed. */
@org.osgi.annotation.versioning.Version("1.0.0")
@org.osgi.annotation.bundle.Export
package io.edgesec.api.manifest;
