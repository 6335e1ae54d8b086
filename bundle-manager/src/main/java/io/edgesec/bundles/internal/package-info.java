/** Bundle management from the module twin: private to the bundle-manager bundle. */
package io.edgesec.bundles.internal;
