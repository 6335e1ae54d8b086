/**
 * Bundle management driven by a desired-state document (the module twin's
 * {@code edgesec.bundles} section): the {@link io.edgesec.api.bundles.BundleManagement} service
 * installs, updates and removes the bundles a document names, digest pinned, within the device's
 * policy. A twin transport carries documents to it and reports its states; it never manages
 * bundles itself.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
@org.osgi.annotation.bundle.Export
package io.edgesec.api.bundles;
