/** The detector as OSGi components: the event observer, the alert source, configuration. */
package io.edgesec.detector.internal.osgi;
