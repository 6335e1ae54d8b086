/**
 * Folding repeated ProcessCreate, ConnectionCreate and ProcessTerminate events into aggregates
 * per interval.
 */
package io.edgesec.aggregator.internal.aggregation;
