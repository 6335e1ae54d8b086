/** The Prometheus text endpoint (GET /metrics). */
package io.edgesec.aggregator.internal.metrics;
