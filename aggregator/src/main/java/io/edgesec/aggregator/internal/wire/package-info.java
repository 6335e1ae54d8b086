/**
 * The Azure security message schema: which events it accepts, and collector reports mapped onto
 * its Diagnostic event.
 */
package io.edgesec.aggregator.internal.wire;
