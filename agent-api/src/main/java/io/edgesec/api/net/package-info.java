/**
 * Network addresses as events carry them: one text form for every collector, so that an address
 * read from the audit log and the same address read from {@code /proc/net} compare equal.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
@org.osgi.annotation.bundle.Export
package io.edgesec.api.net;
